/**
 * The catalogue of detection rules. Ids are stable: they appear in diagnostics, SARIF, ignore-file
 * comments and the README, so a rename is a breaking change.
 */
import type { FindingKind } from './types';

export interface RuleInfo {
  id: string;
  title: string;
  /** One line, shown in SARIF shortDescription and the README rules table. */
  description: string;
  kind: FindingKind;
}

export const RULES: readonly RuleInfo[] = [
  {
    id: 'aws-access-key-id',
    title: 'AWS access key ID',
    description: 'An AWS access key id that is a credential (AKIA, ASIA, ABIA or ACCA prefix).',
    kind: 'aws-access-key-id',
  },
  {
    id: 'aws-secret-access-key',
    title: 'AWS secret access key',
    description: 'A 40-character AWS secret access key, recognised by its name or a nearby key id.',
    kind: 'aws-secret-access-key',
  },
  {
    id: 'aws-session-token',
    title: 'AWS session token',
    description: 'A temporary AWS session token (STS), usable with its key id and secret until it expires.',
    kind: 'aws-session-token',
  },
  {
    id: 'aws-example-key',
    title: 'AWS documentation example key',
    description: 'An example key from the AWS documentation (ends in EXAMPLE): harmless, reported as info.',
    kind: 'example',
  },
  {
    id: 'github-classic-token',
    title: 'GitHub token',
    description: 'A GitHub personal, OAuth, app or refresh token (ghp_, gho_, ghu_, ghs_, ghr_) with a valid checksum.',
    kind: 'github-token',
  },
  {
    id: 'github-fine-grained-token',
    title: 'GitHub fine-grained token',
    description: 'A GitHub fine-grained personal access token (github_pat_).',
    kind: 'github-token',
  },
  {
    id: 'gitlab-token',
    title: 'GitLab personal access token',
    description: 'A GitLab personal access token (glpat-).',
    kind: 'gitlab-token',
  },
  {
    id: 'slack-token',
    title: 'Slack token',
    description: 'A Slack bot, user, app, refresh or legacy token (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-).',
    kind: 'slack-token',
  },
  {
    id: 'slack-webhook',
    title: 'Slack incoming webhook',
    description: 'A Slack incoming webhook URL: anyone holding it can post to the channel.',
    kind: 'slack-webhook',
  },
  {
    id: 'stripe-live-key',
    title: 'Stripe live key',
    description: 'A Stripe live secret or restricted key (sk_live_, rk_live_).',
    kind: 'stripe-key',
  },
  {
    id: 'google-api-key',
    title: 'Google API key',
    description: 'A Google Cloud / Firebase API key (AIza).',
    kind: 'google-api-key',
  },
  {
    id: 'npm-token',
    title: 'npm access token',
    description: 'An npm access token (npm_).',
    kind: 'npm-token',
  },
  {
    id: 'private-key',
    title: 'Private key',
    description: 'A PEM, OpenSSH or PGP private key block, encrypted or not.',
    kind: 'private-key',
  },
  {
    id: 'openai-api-key',
    title: 'OpenAI API key',
    description: 'An OpenAI project, service-account, admin or legacy user key (sk-proj-, sk-svcacct-, sk-admin-, sk- with the T3BlbkFJ marker).',
    kind: 'openai-key',
  },
  {
    id: 'anthropic-api-key',
    title: 'Anthropic API key',
    description: 'An Anthropic API or Admin API key (sk-ant-api03-, sk-ant-admin01-).',
    kind: 'anthropic-key',
  },
  {
    id: 'huggingface-token',
    title: 'Hugging Face token',
    description: 'A Hugging Face user access token (hf_).',
    kind: 'huggingface-token',
  },
  {
    id: 'groq-api-key',
    title: 'Groq API key',
    description: 'A Groq API key (gsk_).',
    kind: 'groq-key',
  },
  {
    id: 'azure-client-secret',
    title: 'Azure client secret',
    description: 'A Microsoft Entra ID (Azure AD) application client secret (the Q~ shape issued since 2022).',
    kind: 'azure-credential',
  },
  {
    id: 'azure-storage-key',
    title: 'Azure storage account key',
    description: 'An Azure storage account key (88 base64 characters), after AccountKey= in a connection string or a storage key name.',
    kind: 'azure-credential',
  },
  {
    id: 'azure-sas-token',
    title: 'Azure SAS signature',
    description: 'The signature (sig=) of an Azure shared access signature URL or token that carries a signed version (sv=).',
    kind: 'azure-credential',
  },
  {
    id: 'cloudflare-api-token',
    title: 'Cloudflare API token',
    description: 'A Cloudflare API token (40 characters), next to a Cloudflare token or key name.',
    kind: 'cloudflare-token',
  },
  {
    id: 'databricks-token',
    title: 'Databricks token',
    description: 'A Databricks personal access token (dapi).',
    kind: 'databricks-token',
  },
  {
    id: 'vault-token',
    title: 'HashiCorp Vault token',
    description: 'A HashiCorp Vault service or batch token (hvs., hvb.), or a legacy s. token next to a Vault token name.',
    kind: 'vault-token',
  },
  {
    id: 'tailscale-key',
    title: 'Tailscale key',
    description: 'A Tailscale auth key, API access token, OAuth client secret or other key (tskey-).',
    kind: 'tailscale-key',
  },
  {
    id: 'docker-hub-token',
    title: 'Docker Hub access token',
    description: 'A Docker Hub personal or organization access token (dckr_pat_, dckr_oat_).',
    kind: 'docker-hub-token',
  },
  {
    id: 'grafana-token',
    title: 'Grafana token',
    description: 'A Grafana service account token (glsa_) or Grafana Cloud access policy token (glc_).',
    kind: 'grafana-token',
  },
  {
    id: 'vercel-token',
    title: 'Vercel token',
    description: 'A Vercel access token (24 characters), next to a Vercel token name.',
    kind: 'vercel-token',
  },
  {
    id: 'onepassword-service-account-token',
    title: '1Password service account token',
    description: 'A 1Password service account token (ops_).',
    kind: 'onepassword-token',
  },
  {
    id: 'sendgrid-api-key',
    title: 'SendGrid API key',
    description: 'A SendGrid API key (SG.<id>.<secret>).',
    kind: 'sendgrid-key',
  },
  {
    id: 'shopify-token',
    title: 'Shopify token',
    description: 'A Shopify access token, custom or private app token, or shared secret (shpat_, shpca_, shppa_, shpss_).',
    kind: 'shopify-token',
  },
  {
    id: 'linear-api-key',
    title: 'Linear API key',
    description: 'A Linear personal API key (lin_api_).',
    kind: 'linear-key',
  },
  {
    id: 'notion-token',
    title: 'Notion integration token',
    description: 'A Notion integration token (ntn_, or the older secret_ form).',
    kind: 'notion-token',
  },
  {
    id: 'figma-token',
    title: 'Figma access token',
    description: 'A Figma personal access token (figd_).',
    kind: 'figma-token',
  },
  {
    id: 'slack-app-token',
    title: 'Slack app-level token',
    description: 'A Slack app-level token (xapp-).',
    kind: 'slack-token',
  },
  {
    id: 'slack-refresh-token',
    title: 'Slack refresh token',
    description: 'A Slack refresh token or rotating access token (xoxe-, xoxe.xoxp-, xoxe.xoxb-).',
    kind: 'slack-token',
  },
  {
    id: 'github-app-installation-token',
    title: 'GitHub App installation token',
    description: 'A GitHub App installation token in the stateless format (ghs_<app id>_<JWT>).',
    kind: 'github-token',
  },
  {
    id: 'url-credentials',
    title: 'Password in a URL',
    description: 'The password of a URL or connection string (scheme://user:password@host); placeholders and environment lookups are not reported.',
    kind: 'url-password',
  },
  {
    id: 'gcp-service-account-key',
    title: 'Google Cloud service account key',
    description: 'A Google Cloud service account key file (JSON with private_key and client_email), reported once.',
    kind: 'gcp-service-account-key',
  },
  {
    id: 'pkcs12-file',
    title: 'PKCS#12 key store',
    description: 'A committed .p12 or .pfx file: a private key with its certificates (found by the file scan, not in the editor).',
    kind: 'pkcs12-file',
  },
  {
    id: 'slack-signing-secret',
    title: 'Slack signing secret',
    description: "A Slack app's signing secret (32 hex digits under a signing-secret name): it forges Slack's requests to the app.",
    kind: 'slack-token',
  },
  {
    id: 'aws-ses-smtp-password',
    title: 'Amazon SES SMTP password',
    description: 'An Amazon SES SMTP password (44 characters, derived from an AWS secret access key) under an SMTP-password name.',
    kind: 'aws-secret-access-key',
  },
];

const BY_ID = new Map(RULES.map((rule) => [rule.id, rule]));

/** The rule with this id; throws for an unknown id (a programming error, not user input). */
export function ruleById(id: string): RuleInfo {
  const rule = BY_ID.get(id);
  if (!rule) throw new Error(`unknown detection rule '${id}'`);
  return rule;
}

/** The README anchor (`<a id="…">` in the Rules table) that documents a rule; rule links open it. */
export function ruleDocsAnchor(id: string): string {
  return `rule-${id}`;
}
