/** investigateKey against the demo emulator's seeded history: pages, regions, created keys, and the bound on events read. */
import * as assert from 'node:assert/strict';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { maskKeyId } from '../../../src/core/keys';
import { investigateKey } from '../../../src/core/response/investigation';
import { ADMIN, INTRUDER_KEY, LEAKED, useResponseEmulator } from './helpers';

describe('response: investigateKey', function () {
  this.timeout(20_000);
  const env = useResponseEmulator();
  const clients: CloudTrailClient[] = [];
  afterEach(() => clients.splice(0).forEach((c) => c.destroy()));
  const clientFor = (region: string) => {
    const client = new CloudTrailClient({ region, endpoint: env.emulator.url, credentials: { accessKeyId: ADMIN.id, secretAccessKey: ADMIN.secret }, maxAttempts: 1 });
    clients.push(client);
    return client;
  };

  it('reads every page of every region, then the keys the leaked key created', async () => {
    const found = await investigateKey(LEAKED.id, ['us-east-1', 'eu-west-1'], clientFor, env.emulator.now());
    assert.equal(found.events.length, 84 + 3 + 5);
    assert.deepEqual(found.truncated, []);
    assert.deepEqual(found.relatedKeys, [maskKeyId(INTRUDER_KEY.id)]);
    assert.equal(env.emulator.calls().filter((c) => c.action === 'LookupEvents').length, 2 + 1 + 2, 'two pages in us-east-1, one in eu-west-1, one per region for the created key');
  });

  it('stops after the bound and says which key and region were truncated', async () => {
    const found = await investigateKey(LEAKED.id, ['us-east-1'], clientFor, env.emulator.now(), 40);
    assert.deepEqual(found.truncated, [`${LEAKED.id.slice(0, 4)}${'*'.repeat(12)}${LEAKED.id.slice(-4)} in us-east-1`]);
    assert.equal(found.events.filter((e) => e.accessKeyId === LEAKED.id).length, 50, 'one page');
  });

  it('a region that cannot be read is listed; when every region fails the error is thrown', async () => {
    env.emulator.injectFault({ action: 'LookupEvents', error: 'AccessDenied', count: 1 });
    const partial = await investigateKey(LEAKED.id, ['us-east-1', 'eu-west-1'], clientFor, env.emulator.now());
    assert.deepEqual(partial.failures.map((f) => f.region), ['us-east-1']);
    assert.equal(partial.events.filter((e) => e.region === 'eu-west-1').length, 3);
    env.emulator.injectFault({ action: 'LookupEvents', error: 'AccessDenied' });
    await assert.rejects(investigateKey(LEAKED.id, ['us-east-1'], clientFor, env.emulator.now()), (e: Error) => e.name === 'AccessDeniedException');
  });
});
