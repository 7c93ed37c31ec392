/** Shared setup for the response tests: the demo emulator with CloudTrail, and a sandbox with a responder profile. */
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { STSClient, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import type { Emulator, EmulatorOptions } from '../../../tools/emulator';
import { demoKey, sandbox, section, useDemoEmulator, type DemoKey, type Sandbox } from '../rotation/helpers';

/** The demo seed's leaked key (ci-deploy) and the key the intruder made with it. */
export const LEAKED: DemoKey = demoKey('ci-deploy');
export const INTRUDER_KEY: DemoKey = demoKey('ci-deploy', 1);
/** The demo administrator, as a local "security" profile would hold it. */
export const ADMIN: DemoKey = demoKey('admin');

/** The demo emulator (or one with `options`' seed) for the suite, with IAM, STS and CloudTrail pointed at it. */
export function useResponseEmulator(options: EmulatorOptions = {}): { readonly emulator: Emulator } {
  const env = useDemoEmulator(options);
  let saved: string | undefined;
  before(() => {
    saved = process.env.AWS_ENDPOINT_URL_CLOUDTRAIL;
    process.env.AWS_ENDPOINT_URL_CLOUDTRAIL = env.emulator.url;
  });
  after(() => {
    if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_CLOUDTRAIL;
    else process.env.AWS_ENDPOINT_URL_CLOUDTRAIL = saved;
  });
  return env;
}

/** A sandbox whose default profile (alice) may not act on other users, and a "security" profile that may. */
export function responderSandbox(cleanups: Array<() => void>, extra = ''): Sandbox {
  return sandbox(cleanups, `${section('default', demoKey('alice'))}\n${section('security', ADMIN)}\n${extra}`);
}

/** Temporary credentials obtained with `key` (GetSessionToken, no MFA). */
export async function sessionOf(emulator: Emulator, key: DemoKey): Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken: string }> {
  const sts = new STSClient({ region: 'us-east-1', endpoint: emulator.url, credentials: { accessKeyId: key.id, secretAccessKey: key.secret }, maxAttempts: 1 });
  try {
    const c = (await sts.send(new GetSessionTokenCommand({}))).Credentials!;
    return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
  } finally {
    sts.destroy();
  }
}

/** A CloudTrail client on the emulator with `credentials`. */
export function trailClient(emulator: Emulator, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): CloudTrailClient {
  return new CloudTrailClient({ region: 'us-east-1', endpoint: emulator.url, credentials, maxAttempts: 1 });
}
