/** The CloudTrail client finds its endpoint like the IAM and STS clients: environment first, then the profile's config. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { configuredEndpoint, createCloudTrailClient } from '../../../src/core/aws/clients';
import { useEmulator } from '../emulator/helpers';

const ENDPOINT_VARIABLES = ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_CLOUDTRAIL', 'AWS_PROFILE', 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'];

describe('SDK clients for a profile: CloudTrail', () => {
  const context = useEmulator();
  let dir: string;
  let saved: Record<string, string | undefined>;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'akg-trail-'));
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

  async function lookUp(client: ReturnType<typeof createCloudTrailClient>): Promise<number> {
    try {
      const out = await client.send(new LookupEventsCommand({ MaxResults: 1 }));
      return out.Events?.length ?? 0;
    } finally {
      client.destroy();
    }
  }

  it("uses the cloudtrail entry of the profile's services section, else its endpoint_url", async () => {
    const files = writeFiles(`[profile local]\nendpoint_url = http://127.0.0.1:1\nservices = emu\n\n[services emu]\ncloudtrail =\n  endpoint_url = ${context.emulator.url}\n`);
    assert.equal(configuredEndpoint('cloudtrail', { profile: 'local', ...files }, {}), context.emulator.url);
    assert.equal(configuredEndpoint('iam', { profile: 'local', ...files }, {}), 'http://127.0.0.1:1');
    // The emulator answers (the call itself is recorded, so there is at least that event next time).
    await lookUp(createCloudTrailClient({ profile: 'local', ...files }));
    assert.equal(await lookUp(createCloudTrailClient({ profile: 'local', ...files })), 1);
  });

  it('AWS_ENDPOINT_URL_CLOUDTRAIL wins over the profile', async () => {
    const files = writeFiles(`[profile local]\nendpoint_url = http://127.0.0.1:1\n`);
    process.env.AWS_ENDPOINT_URL_CLOUDTRAIL = context.emulator.url;
    assert.equal(configuredEndpoint('cloudtrail', { profile: 'local', ...files }), undefined);
    await lookUp(createCloudTrailClient({ profile: 'local', ...files }));
    assert.equal(context.emulator.calls().filter((c) => c.service === 'cloudtrail').length, 1);
  });
});
