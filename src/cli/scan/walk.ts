/**
 * Finds the files a scan reads: explicit files as given, folders recursively, honouring nested
 * .gitignore files (and those of enclosing folders up to the repository root) with the `ignore`
 * package, always skipping `.git`, and never following symlinked folders (no cycles).
 */
import type { Dirent } from 'node:fs';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';

interface GitignoreLevel {
  dir: string;
  rules: Ignore;
}

export interface WalkResult {
  files: string[];
  /** Paths that could not be listed or do not exist, with the reason. */
  errors: Array<{ path: string; message: string }>;
}

export function describeError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many symbolic links';
    default:
      return e.code ?? (e instanceof Error ? e.message : String(e));
  }
}

async function readGitignore(dir: string): Promise<GitignoreLevel | undefined> {
  try {
    return { dir, rules: ignore().add(await fs.readFile(path.join(dir, '.gitignore'), 'utf8')) };
  } catch {
    return undefined; // No .gitignore (or unreadable): nothing to honour at this level.
  }
}

/** .gitignore files of the folders above `dir`, up to the enclosing git repository's root. */
async function enclosingGitignores(dir: string): Promise<GitignoreLevel[]> {
  const chain: string[] = [];
  let current = path.dirname(dir);
  let repoRoot: string | undefined;
  for (let probe = dir; ; probe = path.dirname(probe)) {
    if (await exists(path.join(probe, '.git'))) {
      repoRoot = probe;
      break;
    }
    if (path.dirname(probe) === probe) break;
  }
  if (!repoRoot || repoRoot === dir) return [];
  for (; ; current = path.dirname(current)) {
    chain.unshift(current);
    if (current === repoRoot || path.dirname(current) === current) break;
  }
  const levels = await Promise.all(chain.map(readGitignore));
  return levels.filter((l): l is GitignoreLevel => l !== undefined);
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.lstat(p);
    return true;
  } catch {
    return false;
  }
}

/** Deeper .gitignore files override shallower ones, as in git. */
function isGitignored(levels: GitignoreLevel[], absPath: string, isDir: boolean): boolean {
  let ignored = false;
  for (const level of levels) {
    const rel = path.relative(level.dir, absPath).split(path.sep).join('/') + (isDir ? '/' : '');
    const result = level.rules.test(rel);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

/** Lists the files to scan under `paths` (resolved against `cwd`). */
export async function listScanFiles(paths: string[], cwd: string, useGitignore: boolean): Promise<WalkResult> {
  const result: WalkResult = { files: [], errors: [] };
  const seen = new Set<string>();
  const add = (file: string): void => {
    if (!seen.has(file)) {
      seen.add(file);
      result.files.push(file);
    }
  };

  async function walkDir(dir: string, levels: GitignoreLevel[]): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (err) {
      result.errors.push({ path: dir, message: describeError(err) });
      return;
    }
    if (useGitignore && entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      const level = await readGitignore(dir);
      if (level) levels = [...levels, level];
    }
    const subdirs: string[] = [];
    for (const entry of entries) {
      if (entry.name === '.git') continue;
      const full = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = await fs.stat(full);
          isDir = false; // Symlinked folders are not followed: no cycles, no scanning outside the tree.
          isFile = target.isFile();
        } catch {
          isFile = true; // Dangling link: reading it reports the error like any unreadable file.
        }
      }
      if (!isDir && !isFile) continue; // FIFOs, sockets, devices: reading could block or is meaningless.
      if (useGitignore && isGitignored(levels, full, isDir)) continue;
      if (isDir) subdirs.push(full);
      else add(full);
    }
    for (const sub of subdirs) await walkDir(sub, levels);
  }

  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    let stat;
    try {
      stat = await fs.stat(abs);
    } catch (err) {
      result.errors.push({ path: abs, message: describeError(err) });
      continue;
    }
    if (stat.isDirectory()) await walkDir(abs, useGitignore ? await enclosingGitignores(abs) : []);
    else if (stat.isFile()) add(abs);
    else result.errors.push({ path: abs, message: 'not a regular file' });
  }
  return result;
}
