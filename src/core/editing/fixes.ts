/**
 * Text of the quick fixes, per language: the inline ignore comment and the environment lookup that
 * replaces a hard-coded secret. Pure, so every language's output is unit-tested without an editor.
 */
import { INLINE_IGNORE_MARKER, type FindingKind } from '../detect';
import { csharpUsesSystem, lookupImportFor, type TextInsertion } from './imports';

type CommentStyle = '//' | '#' | '--' | ';' | '<!--' | '/*' | 'rem';

const COMMENT_BY_LANGUAGE: Record<string, CommentStyle> = {
  javascript: '//', typescript: '//', javascriptreact: '//', typescriptreact: '//', java: '//', csharp: '//',
  go: '//', rust: '//', c: '//', cpp: '//', kotlin: '//', swift: '//', scala: '//', dart: '//', php: '//',
  jsonc: '//', groovy: '//', terraform: '#', hcl: '#',
  python: '#', ruby: '#', shellscript: '#', dotenv: '#', yaml: '#', toml: '#', perl: '#', r: '#', elixir: '#',
  powershell: '#', dockerfile: '#', makefile: '#', properties: '#', ini: ';', plaintext: '#', coffeescript: '#',
  sql: '--', lua: '--', haskell: '--',
  html: '<!--', xml: '<!--', markdown: '<!--',
  css: '/*', scss: '//', less: '//',
  bat: 'rem',
};

/**
 * The text to append at the end of a line so the detector ignores it, in the language's comment
 * syntax; undefined where the language has no comments (JSON): use the ignore file there.
 */
export function inlineIgnoreComment(languageId: string): string | undefined {
  const style = COMMENT_BY_LANGUAGE[languageId];
  switch (style) {
    case undefined:
      return languageId === 'json' ? undefined : ` # ${INLINE_IGNORE_MARKER}`;
    case '<!--':
      return ` <!-- ${INLINE_IGNORE_MARKER} -->`;
    case '/*':
      return ` /* ${INLINE_IGNORE_MARKER} */`;
    default:
      return ` ${style} ${INLINE_IGNORE_MARKER}`;
  }
}

/** The environment variable a finding of this kind conventionally lives in. */
export function environmentVariableFor(kind: FindingKind): string {
  switch (kind) {
    case 'aws-access-key-id': return 'AWS_ACCESS_KEY_ID';
    case 'aws-secret-access-key': return 'AWS_SECRET_ACCESS_KEY';
    case 'aws-session-token': return 'AWS_SESSION_TOKEN';
    case 'github-token': return 'GITHUB_TOKEN';
    case 'gitlab-token': return 'GITLAB_TOKEN';
    case 'slack-token': return 'SLACK_TOKEN';
    case 'slack-webhook': return 'SLACK_WEBHOOK_URL';
    case 'stripe-key': return 'STRIPE_SECRET_KEY';
    case 'google-api-key': return 'GOOGLE_API_KEY';
    case 'npm-token': return 'NPM_TOKEN';
    default: return 'SECRET_VALUE';
  }
}

/**
 * How a language reads an environment variable. `expression` lookups are code: they replace a whole
 * string literal, quotes included, and only when the literal is exactly the secret (pasting code into
 * the middle of a longer string would break it). The others are text substitutions (`${NAME}`) that
 * work wherever the value stands.
 */
const LOOKUP: Record<string, { code: (name: string) => string; expression: boolean }> = {
  javascript: { code: (n) => `process.env.${n}`, expression: true },
  // `!`: in strict TypeScript `process.env.X` is `string | undefined`, not the `string` the literal was.
  typescript: { code: (n) => `process.env.${n}!`, expression: true },
  javascriptreact: { code: (n) => `process.env.${n}`, expression: true },
  typescriptreact: { code: (n) => `process.env.${n}!`, expression: true },
  python: { code: (n) => `os.environ["${n}"]`, expression: true },
  go: { code: (n) => `os.Getenv("${n}")`, expression: true },
  java: { code: (n) => `System.getenv("${n}")`, expression: true },
  // Fully qualified unless the file has `using System;`: compiles with or without it.
  csharp: { code: (n) => `System.Environment.GetEnvironmentVariable("${n}")`, expression: true },
  ruby: { code: (n) => `ENV["${n}"]`, expression: true },
  php: { code: (n) => `getenv('${n}')`, expression: true },
  shellscript: { code: (n) => `"\${${n}}"`, expression: true },
  dotenv: { code: (n) => `\${${n}}`, expression: false },
  yaml: { code: (n) => `\${${n}}`, expression: false },
  dockercompose: { code: (n) => `\${${n}}`, expression: false },
  properties: { code: (n) => `\${${n}}`, expression: false },
};

export interface Replacement {
  /** 0-based columns on the finding's line; `end` exclusive. */
  start: number;
  end: number;
  text: string;
}

/**
 * The edit that replaces a secret literal on `lineText` (at [start, end)) with an environment
 * lookup in `languageId`, swallowing the quotes around it where the lookup is an expression.
 * Undefined for languages without a lookup we can write safely.
 */
export function environmentLookupReplacement(
  languageId: string,
  lineText: string,
  start: number,
  end: number,
  variable: string,
): Replacement | undefined {
  const lookup = LOOKUP[languageId];
  if (!lookup) return undefined;
  const before = lineText[start - 1];
  const after = lineText[end];
  const quoted = before !== undefined && before === after && (before === '"' || before === "'" || before === '`');
  if (quoted) return { start: start - 1, end: end + 1, text: lookup.code(variable) };
  if (!lookup.expression) return { start, end, text: lookup.code(variable) };
  // Code: an unquoted value is only replaceable where it stands alone (a shell assignment).
  const standsAlone = (before === undefined || /[\s=]/.test(before)) && (after === undefined || /\s|;/.test(after));
  return languageId === 'shellscript' && standsAlone ? { start, end, text: lookup.code(variable) } : undefined;
}

/** Language ids for which {@link environmentLookupReplacement} has a lookup. */
export const LANGUAGES_WITH_ENV_LOOKUP: readonly string[] = Object.keys(LOOKUP);

/** The whole fix: the replacement on the finding's line and the import the lookup needs, if any. */
export interface EnvironmentLookupFix {
  /** 0-based line of the replacement. */
  readonly line: number;
  readonly replacement: Replacement;
  readonly insertion?: TextInsertion;
}

/**
 * The environment-lookup fix for a secret at [start, end) of `lines[line]`, with the import the
 * language needs (Python `import os`, Go `"os"`) when the file lacks it, so the result compiles.
 * Undefined where {@link environmentLookupReplacement} has no safe replacement.
 */
export function environmentLookupFix(
  languageId: string,
  lineText: string,
  line: number,
  start: number,
  end: number,
  variable: string,
  /** The whole file's lines, read only for languages whose lookup may need an import (large files stay cheap). */
  fileLines: () => readonly string[],
): EnvironmentLookupFix | undefined {
  const replacement = environmentLookupReplacement(languageId, lineText, start, end, variable);
  if (!replacement) return undefined;
  if (!LANGUAGES_WITH_IMPORTS.has(languageId)) return { line, replacement };
  const lines = fileLines();
  if (languageId === 'csharp' && csharpUsesSystem(lines)) replacement.text = replacement.text.replace(/^System\./, '');
  return { line, replacement, insertion: lookupImportFor(languageId, lines) };
}

const LANGUAGES_WITH_IMPORTS = new Set(['python', 'go', 'csharp']);
