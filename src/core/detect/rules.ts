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

/** Where the README documents each rule; diagnostics and SARIF link here. */
export const RULE_DOCS_URL = 'https://example.invalid/aws-key-guard#rules';

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

/** Link to the documentation of one rule. */
export function ruleHelpUri(id: string): string {
  return `${RULE_DOCS_URL.replace(/#.*$/, '')}#rule-${id}`;
}
