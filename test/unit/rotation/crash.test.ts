/**
 * A rotation killed with SIGKILL at each step boundary: the next start finds the journal entry,
 * recommends the right action, and `aws-key-guard rotate --recover --yes` leaves one working key.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { inspectJournal, type RecoveryAction, type RotationCheckpoint } from '../../../src/core/rotation';
import { assertFileKeyWorks, assertNoSecrets, demoKey, emulatorSecrets, fileKey, iamKeys, sandbox, section, useDemoEmulator } from './helpers';

/** Runs the child until it reaches `point`, then kills it with SIGKILL. */
async function killAt(home: string, point: RotationCheckpoint): Promise<void> {
  const child = spawn(process.execPath, [path.join(__dirname, 'crash-child.js'), home, point], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes(`at ${point}`)) resolve();
    });
    child.once('exit', () => reject(new Error(`the child exited before ${point}: ${stdout} ${stderr}`)));
  });
  child.kill('SIGKILL');
  assert.equal(await exited, 'SIGKILL');
}

describe('rotation: SIGKILL at each step boundary, then recovery from the journal', function () {
  this.timeout(30_000);
  const env = useDemoEmulator();
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));
  const alice = demoKey('alice');

  const cases: Array<{ point: RotationCheckpoint; action?: RecoveryAction; message?: RegExp; fileHoldsNew: boolean; after: 'old-only' | 'rotated' }> = [
    { point: 'before-create', action: 'delete-orphan', message: /interrupted while creating a new key/, fileHoldsNew: false, after: 'old-only' },
    { point: 'after-create', action: 'delete-orphan', message: /interrupted while creating a new key/, fileHoldsNew: false, after: 'old-only' },
    { point: 'after-write', action: 'finish', message: /after the new key AKIA\*+\w{4} was written.*Finish the rotation/, fileHoldsNew: true, after: 'rotated' },
    { point: 'after-verify', action: 'finish', message: /Finish the rotation \(verify the new key, deactivate the old one\)/, fileHoldsNew: true, after: 'rotated' },
    { point: 'after-retire', fileHoldsNew: true, after: 'rotated' },
  ];
  for (const c of cases) {
    it(`killed at ${c.point}: recovery offers ${c.action ?? 'nothing'} and ends with one working key`, async () => {
      const box = sandbox(cleanups, section('work', alice));
      await killAt(box.home, c.point);

      const interrupted = inspectJournal(box.journal, box.files);
      if (!c.action) assert.deepEqual(interrupted, []);
      else {
        assert.equal(interrupted.length, 1);
        assert.equal(interrupted[0].action, c.action);
        assert.match(interrupted[0].message, c.message!);
      }
      assert.equal(fileKey(box.credentialsFile, 'work').id !== alice.id, c.fileHoldsNew);
      if (c.point === 'after-create') assert.equal(env.emulator.accessKeys('alice').length, 2, 'the orphan exists before recovery');

      const out: string[] = [];
      const code = await runCli(['rotate', '--recover', '--yes'], { out: (t) => out.push(t), err: (t) => out.push(t), env: { HOME: box.home }, cwd: box.home });
      assert.equal(code, 0, out.join('\n'));
      assert.deepEqual(box.journal.entries(), []);
      const inFile = await assertFileKeyWorks(env.emulator, box.credentialsFile, 'work', 'alice');
      if (c.after === 'old-only') assert.deepEqual(iamKeys(env.emulator, 'alice'), [`${alice.id}:Active`]);
      else assert.deepEqual(iamKeys(env.emulator, 'alice'), [`${alice.id}:Inactive`, `${inFile}:Active`]);
      assertNoSecrets(out.join('\n'), [...emulatorSecrets(env.emulator), alice.secret]);
    });
  }
});
