/**
 * Renders scan results as text (for people), JSON (for scripts) or SARIF 2.1.0 (for GitHub code
 * scanning). Lines and columns are 1-based here; SARIF end columns are exclusive. Only masked
 * values ever appear.
 */
import { RULES, ruleById, ruleHelp } from '../../core/detect';
import type { FileFinding, SkippedFile } from '../../core/scan/scanFiles';
import { TOOL_VERSION } from '../version';

export interface ReportInput {
  findings: FileFinding[];
  errors: Array<{ path: string; message: string }>;
  /** Files not scanned (too large, binary, symbolic links), with the reason: never silent. */
  skipped?: SkippedFile[];
  stats: { filesScanned: number; skippedBinary: number; skippedLarge: number; skippedIgnored: number; skippedLinks?: number };
  /** Turns an absolute path into the path shown (relative to the working folder, forward slashes). */
  displayPath: (file: string) => string;
}

/**
 * `src/app.ts:12:20  aws-access-key-id  AKIA************WXYZ`, one finding per line; a finding
 * from history is prefixed with its commit (`<sha>:src/app.ts:12:20 ...`) and ends with the author date.
 */
export function formatText(input: ReportInput): string {
  return input.findings
    .map(
      (f) =>
        `${f.commit ? `${f.commit}:` : ''}${input.displayPath(f.file)}:${f.range.line + 1}:${f.range.startColumn + 1}  ${f.ruleId}  ${f.masked}` +
        (f.commit ? `  ${f.authorDate}` : ''),
    )
    .join('\n');
}

/** A stable JSON document; version 1 of this shape. */
export function formatJson(input: ReportInput): string {
  return JSON.stringify(
    {
      version: 1,
      findings: input.findings.map((f) => ({
        path: input.displayPath(f.file),
        ruleId: f.ruleId,
        kind: f.kind,
        line: f.range.line + 1,
        column: f.range.startColumn + 1,
        endLine: f.range.endLine + 1,
        endColumn: f.range.endColumn + 1,
        masked: f.masked,
        confidence: f.confidence,
        fingerprint: f.fingerprint,
        ...(f.commit ? { commit: f.commit, authorDate: f.authorDate } : {}),
        ...(f.accountId ? { accountId: f.accountId } : {}),
        ...(f.encoded ? { encoded: f.encoded } : {}),
        ...(f.pairedWith
          ? { pairedWith: { ruleId: f.pairedWith.ruleId, line: f.pairedWith.range.line + 1, column: f.pairedWith.range.startColumn + 1 } }
          : {}),
      })),
      errors: input.errors.map((e) => ({ path: input.displayPath(e.path), message: e.message })),
      skipped: (input.skipped ?? []).map((s) => ({ path: input.displayPath(s.path), reason: s.reason })),
      stats: input.stats,
    },
    null,
    2,
  );
}

function sarifLevel(f: FileFinding): 'error' | 'warning' | 'note' {
  if (f.kind === 'example') return 'note';
  return f.confidence === 'high' ? 'error' : f.confidence === 'medium' ? 'warning' : 'note';
}

function message(f: FileFinding): string {
  // A decoded value's masked text already names the rule ("base64 of AWS secret access key: wJ…").
  let text = f.encoded ? `Found ${f.masked}` : `${ruleById(f.ruleId).title} found: ${f.masked}`;
  if (f.accountId) text += ` (AWS account ${f.accountId})`;
  if (f.pairedWith) text += '. Its key id and secret are both here: the pair is a usable credential, rotate it.';
  else if (f.kind === 'example') text += ' (AWS documentation example, not a leak).';
  return text;
}

/**
 * SARIF 2.1.0 as GitHub code scanning accepts it: relative URIs, 1-based regions, partial fingerprints,
 * the tool's version, and each rule's description and help. No helpUri or informationUri: the
 * project has no public address yet, and SARIF consumers should not be sent to one that does not exist.
 */
export function formatSarif(input: ReportInput): string {
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'aws-key-guard',
            version: TOOL_VERSION,
            semanticVersion: TOOL_VERSION,
            rules: RULES.map((r) => ({
              id: r.id,
              name: r.title.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : '')),
              shortDescription: { text: r.title },
              fullDescription: { text: r.description },
              help: ruleHelp(r),
              defaultConfiguration: { level: r.kind === 'example' ? 'note' : 'error' },
              properties: {
                tags: ['security', 'secrets'],
                precision: 'high',
                'security-severity': r.kind === 'example' ? '0.0' : '9.0',
              },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The folder the scan ran in.' } } },
        results: input.findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: ruleIndex.get(f.ruleId),
          level: sarifLevel(f),
          message: { text: message(f) },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(input.displayPath(f.file)), uriBaseId: '%SRCROOT%' },
                region: {
                  startLine: f.range.line + 1,
                  startColumn: f.range.startColumn + 1,
                  endLine: f.range.endLine + 1,
                  endColumn: f.range.endColumn + 1,
                },
              },
            },
          ],
          partialFingerprints: { 'awsKeyGuardFingerprint/v1': f.fingerprint },
          ...(f.commit ? { properties: { commit: f.commit, authorDate: f.authorDate } } : {}),
        })),
        invocations: [
          {
            executionSuccessful: input.errors.length === 0,
            toolExecutionNotifications: [
              ...input.errors.map((e) => ({
                level: 'warning',
                message: { text: `Could not read ${input.displayPath(e.path)}: ${e.message}` },
              })),
              ...(input.skipped ?? []).map((s) => ({
                level: 'note',
                message: { text: `Skipped ${input.displayPath(s.path)}: ${s.reason}` },
                locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(input.displayPath(s.path)), uriBaseId: '%SRCROOT%' } } }],
              })),
            ],
          },
        ],
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}
