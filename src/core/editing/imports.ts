/**
 * The import an environment lookup needs, per language, so that the quick fix leaves code that
 * compiles and runs: Python's lookup uses `os`, Go's `os.Getenv` the `os` package. Java
 * (`System.getenv`), C# (fully qualified `System.Environment`), Ruby (`ENV`), PHP (`getenv`),
 * JavaScript/TypeScript (`process.env`) and the text substitutions need none. The insertion
 * follows the file's own import style: next to its other imports, else after its header.
 */

/** Text to insert at a 0-based line and column. */
export interface TextInsertion {
  readonly line: number;
  readonly column: number;
  readonly text: string;
}

const BLANK_OR_COMMENT_PY = (line: string) => line.trim() === '' || line.trimStart().startsWith('#');

/** True when a top-level `import a, os.path, b` line binds the name `os`. */
function pythonBindsOs(line: string): boolean {
  if (!line.startsWith('import ')) return false;
  const names = line.slice('import '.length).split('#')[0].split(',');
  return names.some((part) => {
    const name = part.trim();
    return (name === 'os' || name.startsWith('os.')) && !/\sas\s/.test(name);
  });
}

/** The line after a module docstring that starts at `start`, or `start` when there is none. */
function afterDocstring(lines: readonly string[], start: number): number {
  const first = lines[start]?.trimStart() ?? '';
  const quote = /^[rRuU]?("""|''')/.exec(first)?.[1];
  if (!quote) return start;
  const rest = first.slice(first.indexOf(quote) + 3);
  if (rest.includes(quote)) return start + 1;
  for (let i = start + 1; i < lines.length; i++) if (lines[i].includes(quote)) return i + 1;
  return lines.length;
}

function pythonImport(lines: readonly string[]): TextInsertion | undefined {
  if (lines.some(pythonBindsOs)) return undefined;
  let header = 0;
  while (header < lines.length && BLANK_OR_COMMENT_PY(lines[header])) header++;
  header = afterDocstring(lines, header);
  let position = header;
  for (let i = header; i < lines.length; i++) {
    const line = lines[i];
    if (BLANK_OR_COMMENT_PY(line)) continue;
    if (line.startsWith('from __future__')) {
      position = i + 1;
      continue;
    }
    // The file's first import: `import os` goes right before it, in its import block.
    if (line.startsWith('import ') || line.startsWith('from ')) return { line: i, column: 0, text: 'import os\n' };
    break;
  }
  return insertionAt(lines, position, 'import os\n\n');
}

const GO_OS_IMPORT = /^\s*(?:import\s+)?(?:os\s+)?"os"\s*(?:\/\/.*)?$/;

function goImport(lines: readonly string[]): TextInsertion | undefined {
  if (lines.some((line) => GO_OS_IMPORT.test(line))) return undefined;
  const block = lines.findIndex((line) => /^import\s*\(\s*$/.test(line));
  if (block >= 0) return { line: block + 1, column: 0, text: '\t"os"\n' };
  const single = lines.findIndex((line) => /^import\s+(?:[\w.]+\s+)?"[^"]*"/.test(line));
  if (single >= 0) return { line: single + 1, column: 0, text: 'import "os"\n' };
  const pkg = lines.findIndex((line) => /^package\s+\w+/.test(line));
  if (pkg < 0) return undefined;
  return insertionAt(lines, pkg + 1, '\nimport "os"\n');
}

/** An insertion at the start of `line`, or at the end of the text when the file ends before it. */
function insertionAt(lines: readonly string[], line: number, text: string): TextInsertion {
  if (line < lines.length) return { line, column: 0, text };
  const last = Math.max(0, lines.length - 1);
  return { line: last, column: lines[last]?.length ?? 0, text: '\n' + text.replace(/\n+$/, '') + '\n' };
}

/**
 * The import `languageId`'s environment lookup needs in a file made of `lines`; undefined when the
 * language needs none or the file already has it.
 */
export function lookupImportFor(languageId: string, lines: readonly string[]): TextInsertion | undefined {
  switch (languageId) {
    case 'python':
      return pythonImport(lines);
    case 'go':
      return goImport(lines);
    default:
      return undefined;
  }
}

/** True when a C# file already brings `System` into scope with a using directive. */
export function csharpUsesSystem(lines: readonly string[]): boolean {
  return lines.some((line) => /^\s*(?:global\s+)?using\s+System\s*;/.test(line));
}
