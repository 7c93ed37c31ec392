/**
 * The shapes the detector hands to the editor and the CLI. Ranges are 0-based and cover only the
 * secret value itself (never the name or keyword before it); end columns are exclusive.
 */

/** What a finding is, independent of the rule that found it. */
export type FindingKind =
  | 'aws-access-key-id'
  | 'aws-secret-access-key'
  | 'aws-session-token'
  | 'example'
  | 'github-token'
  | 'gitlab-token'
  | 'slack-token'
  | 'slack-webhook'
  | 'stripe-key'
  | 'google-api-key'
  | 'npm-token'
  | 'private-key'
  | 'openai-key'
  | 'anthropic-key'
  | 'huggingface-token'
  | 'groq-key'
  | 'azure-credential'
  | 'cloudflare-token'
  | 'databricks-token'
  | 'vault-token'
  | 'tailscale-key'
  | 'docker-hub-token'
  | 'grafana-token'
  | 'vercel-token'
  | 'onepassword-token'
  | 'sendgrid-key'
  | 'shopify-token'
  | 'linear-key'
  | 'notion-token'
  | 'figma-token'
  | 'url-password'
  | 'gcp-service-account-key'
  | 'pkcs12-file';

/** How sure the detector is that the value is a live credential. */
export type Confidence = 'high' | 'medium' | 'low';

/** 0-based position of a secret value; `endColumn` is exclusive. Single-line findings have `endLine === line`. */
export interface SecretRange {
  line: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** The other half of an AWS key pair found nearby: a key id's secret, or a secret's key id. */
export interface PairedFinding {
  ruleId: string;
  range: SecretRange;
}

export interface Finding {
  /** Stable kebab-case id of the rule (see RULES). */
  ruleId: string;
  kind: FindingKind;
  range: SecretRange;
  /** Display-safe preview; the secret never appears in clear. */
  masked: string;
  confidence: Confidence;
  /** First 16 hex digits of sha256(ruleId + ':' + value): stable, not reversible to the secret. */
  fingerprint: string;
  /** The AWS account id decoded offline from a key id, when the key id encodes it. */
  accountId?: string;
  /** Set when an AWS key id and its secret were found together: the pair is a usable credential. */
  pairedWith?: PairedFinding;
  /**
   * Set when the value is not written in clear (base64, escaped, split into literals): the range
   * covers the encoded form, and `masked` already says what it decodes to ("base64 of AWS secret
   * access key: wJ…"), so a message should not name the rule again.
   */
  encoded?: EncodedAs;
}

/** How a decoded value is written in the source. */
export type EncodedAs = 'base64' | 'escapes' | 'split';

export interface DetectOptions {
  /** Report AWS documentation example keys (kind `example`). Default true: callers show them as info. */
  includeExamples?: boolean;
  /** Drop findings on lines carrying the inline ignore marker (or below one). Default true. */
  honourInlineMarkers?: boolean;
}
