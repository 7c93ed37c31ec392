/**
 * The response's harden step reads the owner's policies and its groups' (the audit's reading): an
 * owner who is an administrator only through a group is named as one, with the group.
 */
import * as assert from 'node:assert/strict';
import { respondToLeakedKey } from '../../../src/core/response';
import { fastDeps, sandbox, section, type DemoKey } from '../rotation/helpers';
import { useResponseEmulator } from './helpers';

const EVERYTHING = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

describe('response: harden looks at the owner and its groups', function () {
  this.timeout(30_000);
  const env = useResponseEmulator({
    seed: {
      users: [
        { name: 'security', admin: true, managedPolicies: ['AdministratorAccess'], keys: [{}] },
        { name: 'deployer', groups: ['Admins'], keys: [{}] },
        { name: 'builder', groups: ['Builders'], keys: [{}] },
        { name: 'reader', groups: ['Readers'], keys: [{}] },
        { name: 'ops', managedPolicies: ['AdministratorAccess'], keys: [{}] },
      ],
      groups: [
        { name: 'Admins', managedPolicies: ['AdministratorAccess'] },
        { name: 'Builders', inlinePolicies: { everything: EVERYTHING } },
        { name: 'Readers', managedPolicies: ['ReadOnlyAccess'] },
      ],
    },
  });
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));

  async function harden(userName: string): Promise<string> {
    const { emulator } = env;
    const responder: DemoKey = { user: 'security', id: emulator.admin.accessKeyId, secret: emulator.admin.secretAccessKey };
    const deps = fastDeps(sandbox(cleanups, section('security', responder)), {}, (q) => q.kind !== 'delete-leaked-key');
    const report = await respondToLeakedKey({ accessKeyId: emulator.accessKeys(userName)[0].accessKeyId, revokeSessions: false }, deps);
    const step = report.steps.find((s) => s.step === 'harden');
    assert.equal(step?.status, 'done', step?.message);
    return step.message;
  }

  it('AdministratorAccess attached to a group of the owner', async () => {
    assert.match(await harden('deployer'), /deployer is an administrator \(AdministratorAccess \(group Admins\)\)/);
  });

  it('an inline policy of a group that allows * on *', async () => {
    assert.match(await harden('builder'), /builder is an administrator \(everything \(group Builders inline\)\)/);
  });

  it("the owner's own attached AdministratorAccess", async () => {
    assert.match(await harden('ops'), /ops is an administrator \(AdministratorAccess \(attached to the user\)\)/);
  });

  it('a group with read-only rights: no administrator, and the message says groups were looked at', async () => {
    assert.match(await harden('reader'), /No administrator policy found on reader or its groups\./);
  });
});
