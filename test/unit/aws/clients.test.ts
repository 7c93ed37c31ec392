import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { configuredEndpoint, createIamClient, createStsClient } from '../../../src/core/aws/clients';
import { useEmulator } from '../emulator/helpers';

const ENDPOINT_VARIABLES = ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_IAM', 'AWS_ENDPOINT_URL_STS', 'AWS_PROFILE', 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'];

describe('SDK clients for a profile', () => {
  const context = useEmulator();
  let dir: string;
  let saved: Record<string, string | undefined>;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'akg-clients-'));
    // Only the profile's own config may point the clients at the emulator here.
    saved = Object.fromEntries(ENDPOINT_VARIABLES.map((v) => [v, process.env[v]]));
    for (const v of ENDPOINT_VARIABLES) delete process.env[v];
  });

  afterEach(() => {
    for (const [v, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[v];
      else process.env[v] = value;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function writeFiles(config: string): { credentialsFile: string; configFile: string } {
    const { admin } = context.emulator;
    const credentialsFile = path.join(dir, 'credentials');
    const configFile = path.join(dir, 'config');
    fs.writeFileSync(credentialsFile, `[local]\naws_access_key_id = ${admin.accessKeyId}\naws_secret_access_key = ${admin.secretAccessKey}\n`);
    fs.writeFileSync(configFile, config);
    return { credentialsFile, configFile };
  }

  it("uses the profile's endpoint_url although the profile is not AWS_PROFILE", async () => {
    const files = writeFiles(`[profile local]\nendpoint_url = ${context.emulator.url}\nregion = us-east-1\n`);
    const identity = await createStsClient({ profile: 'local', ...files }).send(new GetCallerIdentityCommand({}));
    assert.match(identity.Arn ?? '', /:user\//);
    const keys = await createIamClient({ profile: 'local', ...files }).send(new ListAccessKeysCommand({}));
    assert.ok((keys.AccessKeyMetadata ?? []).some((k) => k.AccessKeyId === context.emulator.admin.accessKeyId));
  });

  it("prefers the service's entry in the profile's services section", () => {
    const files = writeFiles(`[profile local]\nendpoint_url = http://127.0.0.1:1\nservices = emu\n\n[services emu]\niam =\n  endpoint_url = http://127.0.0.1:2\n`);
    assert.equal(configuredEndpoint('iam', { profile: 'local', ...files }, {}), 'http://127.0.0.1:2');
    assert.equal(configuredEndpoint('sts', { profile: 'local', ...files }, {}), 'http://127.0.0.1:1');
  });

  it('leaves the endpoint to environment variables, which win, and honours AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', () => {
    const files = writeFiles(`[profile local]\nendpoint_url = http://127.0.0.1:1\n`);
    assert.equal(configuredEndpoint('iam', { profile: 'local', ...files }, { AWS_ENDPOINT_URL_IAM: 'http://127.0.0.1:3' }), undefined);
    assert.equal(configuredEndpoint('iam', { profile: 'local', ...files }, { AWS_ENDPOINT_URL: 'http://127.0.0.1:3' }), undefined);
    assert.equal(configuredEndpoint('iam', { profile: 'local', ...files }, { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }), undefined);
    assert.equal(configuredEndpoint('iam', { profile: 'other', ...files }, {}), undefined);
  });
});
