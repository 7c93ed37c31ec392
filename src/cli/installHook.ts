/**
 * `aws-key-guard install-hook`: writes a git pre-commit hook that runs `scan --staged`. An
 * existing different hook is never overwritten; the same hook again is a no-op. The hook goes where
 * git runs hooks from (`core.hooksPath` honoured), but only inside this repository or its git folder:
 * a hooks path elsewhere is refused, so a repository's config cannot aim the write at another file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { CliIo } from './main';

/** The hook the command writes; the README's hook section shows the same script. */
export const PRE_COMMIT_HOOK = `#!/bin/sh
# Installed by aws-key-guard install-hook: blocks a commit that adds a secret.
exec npx --no-install aws-key-guard scan --staged
`;

const USAGE = `Usage: aws-key-guard install-hook

Writes .git/hooks/pre-commit (or the hook in core.hooksPath) running 'aws-key-guard scan --staged'.
An existing different pre-commit hook is left alone: add the scan line to it yourself.

Exit status: 0 installed or already installed, 1 refused (another hook exists), 2 not a git repository.`;

function gitLine(cwd: string, args: string[]): string | undefined {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function inside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** Runs install-hook; returns the exit code. */
export function runInstallHook(args: string[], io: CliIo): number {
  if (args.includes('-h') || args.includes('--help')) {
    io.out(USAGE);
    return 0;
  }
  if (args.length > 0) {
    io.err(`aws-key-guard install-hook: takes no arguments\n\n${USAGE}`);
    return 2;
  }
  const top = gitLine(io.cwd, ['rev-parse', '--show-toplevel']);
  const gitDir = gitLine(io.cwd, ['rev-parse', '--absolute-git-dir']);
  const common = gitLine(io.cwd, ['rev-parse', '--git-common-dir']);
  const hook = gitLine(io.cwd, ['rev-parse', '--git-path', 'hooks/pre-commit']);
  if (!top || !gitDir || !hook || !common) {
    io.err('aws-key-guard install-hook: not inside a git work tree');
    return 2;
  }
  const hookPath = path.resolve(io.cwd, hook);
  const commonDir = path.resolve(io.cwd, common);
  if (![top, gitDir, commonDir].some((dir) => inside(dir, hookPath))) {
    io.err(
      `aws-key-guard install-hook: git runs hooks from ${path.dirname(hookPath)} (core.hooksPath), outside this repository; ` +
        `not writing there. Add this line to that pre-commit hook yourself:\n  npx --no-install aws-key-guard scan --staged`,
    );
    return 1;
  }
  let existing: string | undefined;
  try {
    existing = fs.readFileSync(hookPath, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      io.err(`aws-key-guard install-hook: cannot read ${hookPath}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
      return 2;
    }
  }
  if (existing === PRE_COMMIT_HOOK) {
    io.out(`The pre-commit hook is already installed: ${hookPath}`);
    return 0;
  }
  if (existing !== undefined) {
    io.err(
      `aws-key-guard install-hook: ${hookPath} already exists and is a different hook; left unchanged.\n` +
        `Add this line to it to scan staged changes:\n  npx --no-install aws-key-guard scan --staged`,
    );
    return 1;
  }
  fs.mkdirSync(path.dirname(hookPath), { recursive: true });
  // 'wx': never replaces a file that appeared since the check (nor follows a link planted there).
  try {
    fs.writeFileSync(hookPath, PRE_COMMIT_HOOK, { mode: 0o755, flag: 'wx' });
  } catch (err) {
    io.err(`aws-key-guard install-hook: cannot write ${hookPath}: ${(err as NodeJS.ErrnoException).code ?? 'error'}; left unchanged`);
    return 1;
  }
  fs.chmodSync(hookPath, 0o755);
  io.out(`Installed the pre-commit hook: ${hookPath} runs 'aws-key-guard scan --staged' before every commit.`);
  return 0;
}
