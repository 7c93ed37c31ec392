/**
 * Creates IAM and STS clients for one local profile (or for explicit credentials, such as an MFA
 * session), the way the AWS SDK itself would: credentials through the SDK's own providers, endpoints
 * through the SDK's standard configuration (AWS_ENDPOINT_URL_IAM / AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL_CLOUDTRAIL /
 * AWS_ENDPOINT_URL, or `endpoint_url` in the profile's config). There is no test-only branch: the
 * tests point those settings at the local emulator.
 *
 * The SDK is required lazily so that loading this module (and activating the extension) stays cheap.
 */
import * as os from 'node:os';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { STSClient } from '@aws-sdk/client-sts';
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { awsHomeDirectory, configFilePath, findProfile, getProperty, readCredentialsDocument } from '../credentials';

export interface StaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface ClientTarget {
  /** A profile name from the shared files; its credentials are resolved by the SDK's fromIni provider. */
  profile?: string;
  /** Explicit credentials (a freshly created key, an MFA session); wins over `profile` for signing. */
  credentials?: StaticCredentials;
  /** Paths of the shared files; default to the SDK's own resolution (env vars, then ~/.aws). */
  credentialsFile?: string;
  configFile?: string;
  region?: string;
}

export interface ClientOptions {
  /** Per-request timeout in ms; the request fails with a TimeoutError after it. */
  requestTimeoutMs?: number;
  /** Total attempts per call including SDK retries (throttling, 5xx). */
  maxAttempts?: number;
}

const DEFAULTS: Required<ClientOptions> = { requestTimeoutMs: 10_000, maxAttempts: 3 };

function commonConfig(target: ClientTarget, options: ClientOptions) {
  const { requestTimeoutMs, maxAttempts } = { ...DEFAULTS, ...options };
  const { fromIni } = require('@aws-sdk/credential-providers') as typeof import('@aws-sdk/credential-providers');
  const credentials = target.credentials
    ? { ...target.credentials }
    : fromIni({ profile: target.profile, filepath: target.credentialsFile, configFilepath: target.configFile, ignoreCache: true });
  return {
    region: target.region ?? 'us-east-1',
    profile: target.profile,
    credentials,
    maxAttempts,
    // throwOnRequestTimeout: without it this SDK version only warns and the request hangs on.
    requestHandler: { requestTimeout: requestTimeoutMs, connectionTimeout: requestTimeoutMs, throwOnRequestTimeout: true },
  };
}

/**
 * The endpoint that the target profile's config sets for `service`, following AWS's order: the
 * service's entry in the profile's `services` section, then the profile's `endpoint_url`. Undefined
 * when an environment variable sets one (the SDK applies those itself, and they win) or the config
 * sets none. The SDK only reads these settings for the profile named by AWS_PROFILE, so a client
 * for any other profile has to be handed them.
 */
export function configuredEndpoint(service: 'iam' | 'sts' | 'cloudtrail', target: ClientTarget, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!target.profile || env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true') return undefined;
  if (env[`AWS_ENDPOINT_URL_${service.toUpperCase()}`] || env.AWS_ENDPOINT_URL) return undefined;
  const file = target.configFile ?? configFilePath(env, awsHomeDirectory(env, os.homedir()));
  let profile;
  let doc;
  try {
    doc = readCredentialsDocument(file, 'config');
    profile = findProfile(doc, target.profile);
  } catch {
    return undefined; // An unreadable config is reported where it matters (the profiles view); not here.
  }
  if (!profile) return undefined;
  const services = getProperty(profile.properties, 'services');
  const section = services && doc.otherSections.find((s) => s.section.type === 'services' && s.section.name === services);
  return (section && getProperty(section.properties, `${service}.endpoint_url`)) || getProperty(profile.properties, 'endpoint_url') || undefined;
}

/** An IAM client acting as the target's identity. */
export function createIamClient(target: ClientTarget, options: ClientOptions = {}): IAMClient {
  const { IAMClient } = require('@aws-sdk/client-iam') as typeof import('@aws-sdk/client-iam');
  const endpoint = configuredEndpoint('iam', target);
  return new IAMClient({ ...commonConfig(target, options), ...(endpoint ? { endpoint } : {}) });
}

/** An STS client acting as the target's identity. */
export function createStsClient(target: ClientTarget, options: ClientOptions = {}): STSClient {
  const { STSClient } = require('@aws-sdk/client-sts') as typeof import('@aws-sdk/client-sts');
  const endpoint = configuredEndpoint('sts', target);
  return new STSClient({ ...commonConfig(target, options), ...(endpoint ? { endpoint } : {}) });
}

/** A CloudTrail client acting as the target's identity, in the target's region (event history is per region). */
export function createCloudTrailClient(target: ClientTarget, options: ClientOptions = {}): CloudTrailClient {
  const { CloudTrailClient } = require('@aws-sdk/client-cloudtrail') as typeof import('@aws-sdk/client-cloudtrail');
  const endpoint = configuredEndpoint('cloudtrail', target);
  return new CloudTrailClient({ ...commonConfig(target, options), ...(endpoint ? { endpoint } : {}) });
}
