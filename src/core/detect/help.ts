/**
 * What to do about a finding of each rule: the help text SARIF carries for code scanning, next to the
 * rule's one-line description. Kept apart from the rule catalogue so adding a rule stays a one-entry change.
 */
import { ruleDocsAnchor, type RuleInfo } from './rules';
import type { FindingKind } from './types';

const AWS_KEY =
  'Treat it as compromised: rotate the key (create a new one, switch to it, then deactivate and delete the old one; `aws-key-guard rotate --profile NAME` does this), check CloudTrail for its use, and remove it from the file and its history. Keep keys in ~/.aws/credentials or, better, use short-term credentials.';

/** Remediation by kind; a kind without an entry gets the generic advice. */
const REMEDIATION: Partial<Record<FindingKind, string>> = {
  'aws-access-key-id': AWS_KEY,
  'aws-secret-access-key': AWS_KEY,
  'aws-session-token': 'It expires on its own, but until then it works with its key id and secret: remove it, and if it may still be valid, revoke the role\'s active sessions in IAM.',
  example: 'Nothing to do: AWS documentation example keys do not work. The CLI lists them only with --include-examples; the editor hides them with awsKeyGuard.severity.example set to off.',
  'github-token': 'Revoke the token in GitHub (Settings > Developer settings, or the organisation\'s token list), create a new one, and remove it from the file and its history.',
  'gitlab-token': 'Revoke the token in GitLab (User settings > Access tokens), create a new one, and remove it from the file and its history.',
  'slack-token': 'Revoke the token for the Slack app (api.slack.com, OAuth & Permissions), issue a new one, and remove it from the file and its history.',
  'slack-webhook': 'Regenerate or remove the webhook in the Slack app\'s Incoming Webhooks settings, and remove the URL from the file and its history.',
  'stripe-key': 'Roll the key in the Stripe dashboard (Developers > API keys), and remove it from the file and its history.',
  'google-api-key': 'Delete or regenerate the key in the Google Cloud console (APIs & Services > Credentials), restrict the new one, and remove it from the file and its history.',
  'npm-token': 'Revoke the token (npm token revoke, or npmjs.com > Access Tokens), create a new one, and remove it from the file and its history.',
  'private-key': 'Replace the key pair: generate a new key, install the new public key where the old one was trusted, remove the old one there, and remove the private key from the file and its history.',
};

const GENERIC = 'Revoke or rotate the credential with its provider, and remove it from the file and its history.';

/** Help for one rule, as plain text and Markdown: what it finds, what to do, and where the README documents it. */
export function ruleHelp(rule: RuleInfo): { text: string; markdown: string } {
  const todo = REMEDIATION[rule.kind] ?? GENERIC;
  const where = `Documented in the AWS Key Guard README, section Rules (anchor #${ruleDocsAnchor(rule.id)}).`;
  return {
    text: `${rule.description} ${todo} ${where}`,
    markdown: `**${rule.title}** (\`${rule.id}\`): ${rule.description}\n\n${todo}\n\n${where}`,
  };
}
