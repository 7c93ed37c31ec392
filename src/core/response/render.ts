/**
 * A response report as text (the CLI), JSON (`--json`) and Markdown (the editor's document).
 * CloudTrail fields such as the user agent are written by whoever held the key: they are
 * stripped of control characters for terminals and escaped for Markdown, never trusted.
 */
import { maskKeyId } from '../keys';
import type { InvestigatedEvent, Investigation } from './investigation';
import { RESPONSE_STEP_TITLES, type ResponseReport } from './types';

const MAX_FIELD = 200;

/** `text` with control characters (terminal escape sequences among them) replaced by "?". */
function withoutControls(text: string, keepNewlines: boolean): string {
  let out = '';
  for (const c of text) {
    const code = c.charCodeAt(0);
    const control = code < 0x20 || (code >= 0x7f && code <= 0x9f);
    out += control && !(keepNewlines && c === '\n') ? '?' : c;
  }
  return out;
}

/** Our own text for a terminal: no control characters (a profile name is the user's). */
function ours(text: string | undefined): string {
  return withoutControls(text ?? '', true);
}

/** A CloudTrail field for a terminal: no control characters (escape sequences), bounded length. */
function plain(text: string | undefined): string {
  if (!text) return '';
  const clean = withoutControls(text, false);
  return clean.length > MAX_FIELD ? `${clean.slice(0, MAX_FIELD)}…` : clean;
}

/** Text safe inside Markdown (tables included): no emphasis, links ("[" escaped), HTML, cell breaks or line breaks. */
function md(text: string | undefined, bounded = true): string {
  const entities: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };
  return (bounded ? plain(text) : ours(text).replace(/\n/g, ' ')).replace(/[\\`*_[\]|<>~&]/g, (c) => entities[c] ?? `\\${c}`);
}

function time(date: Date | undefined): string {
  return date ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : '';
}

const STATUS_WORDS = { done: 'done', failed: 'FAILED', skipped: 'skipped' } as const;

/** The report for a terminal. */
export function renderTextReport(report: ResponseReport): string {
  const lines: string[] = [];
  if (report.refusal) return ours(report.refusal);
  lines.push(`Leaked key ${maskKeyId(report.accessKeyId)} of ${report.owner?.userArn ?? 'an unknown user'}; acting as ${ours(report.profileReason)}.`);
  for (const step of report.steps) lines.push(`[${STATUS_WORDS[step.status]}] ${RESPONSE_STEP_TITLES[step.step]}\n      ${ours(step.message)}`);
  const found = report.investigation;
  if (found && found.events.length) {
    lines.push('', 'Investigation:');
    lines.push(`  first use ${time(found.firstUse)}, last use ${time(found.lastUse)}`);
    lines.push(`  source IPs: ${found.sourceIps.map((c) => `${plain(c.value)} (${c.count})`).join(', ')}`);
    lines.push(`  user agents: ${found.userAgents.map((c) => `${plain(c.value)} (${c.count})`).join(', ')}`);
    lines.push(`  events: ${found.eventNames.map((c) => `${plain(c.value)} ×${c.count}`).join(', ')}`);
    if (found.errorCodes.length) lines.push(`  errors: ${found.errorCodes.map((c) => `${plain(c.value)} ×${c.count}`).join(', ')}${found.probing ? ' (probing)' : ''}`);
    if (found.suspicious.length) {
      lines.push('  persistence and escalation:');
      for (const e of found.suspicious) lines.push(`    ${time(e.time)} ${plain(e.eventName)} from ${plain(e.sourceIp)} in ${plain(e.region)}${e.errorCode ? ` (${plain(e.errorCode)})` : ''}`);
    }
  }
  return lines.join('\n');
}

function eventJson(e: InvestigatedEvent): Record<string, unknown> {
  return { eventId: e.eventId, time: time(e.time), eventName: e.eventName, eventSource: e.eventSource, region: e.region, sourceIp: e.sourceIp, userAgent: e.userAgent, errorCode: e.errorCode, accessKeyId: e.accessKeyId, suspicious: e.suspicious, consoleUrl: e.consoleUrl };
}

function investigationJson(found: Investigation): Record<string, unknown> {
  return {
    regions: found.regions,
    since: time(found.since),
    relatedKeys: found.relatedKeys,
    firstUse: time(found.firstUse) || undefined,
    lastUse: time(found.lastUse) || undefined,
    sourceIps: found.sourceIps,
    userAgents: found.userAgents,
    eventNames: found.eventNames,
    errorCodes: found.errorCodes,
    probing: found.probing,
    truncated: found.truncated,
    failures: found.failures,
    suspicious: found.suspicious.map((e) => e.eventId),
    events: found.events.map(eventJson),
  };
}

/** The report as one JSON object (`respond --json`). The leaked key id is the one the user gave. */
export function reportJson(report: ResponseReport): Record<string, unknown> {
  return {
    accessKeyId: report.accessKeyId,
    accountId: report.accountId,
    profile: report.profile,
    profileReason: report.profileReason,
    userName: report.owner?.userName,
    userArn: report.owner?.userArn,
    contained: report.contained,
    changed: report.changed,
    refusal: report.refusal,
    steps: report.steps.map((s) => ({ step: s.step, status: s.status, message: s.message, missingActions: s.missingActions })),
    investigation: report.investigation ? investigationJson(report.investigation) : undefined,
    finishedAt: time(report.finishedAt),
  };
}

function countsTable(title: string, counts: readonly { value: string; count: number }[]): string[] {
  if (!counts.length) return [];
  return [`**${title}**`, '', '| value | count |', '| --- | ---: |', ...counts.map((c) => `| ${md(c.value)} | ${c.count} |`), ''];
}

/** The report as a Markdown document the user can read and save. */
export function renderMarkdownReport(report: ResponseReport): string {
  const lines: string[] = [`# Leaked key ${maskKeyId(report.accessKeyId)}: response report`, ''];
  lines.push(`Generated ${time(report.finishedAt)} by AWS Key Guard.`, '');
  if (report.refusal) return [...lines, md(report.refusal, false), ''].join('\n');
  lines.push(`- **Owner:** ${md(report.owner?.userArn)}`, `- **Account:** ${md(report.accountId)}`, `- **Acting as:** ${md(report.profileReason, false)}`, `- **Contained:** ${report.contained ? 'yes' : '**no**'}`, '');
  lines.push('## Steps', '');
  for (const step of report.steps) lines.push(`### ${RESPONSE_STEP_TITLES[step.step]}: ${STATUS_WORDS[step.status]}`, '', md(step.message, false), '');
  const found = report.investigation;
  if (found) {
    lines.push('## Investigation', '');
    lines.push(`CloudTrail event history since ${time(found.since)} in ${found.regions.map((r) => md(r)).join(', ')}.`, '');
    if (found.events.length) {
      lines.push(`- **First use:** ${time(found.firstUse)}`, `- **Last use:** ${time(found.lastUse)}`);
      if (found.probing) lines.push('- **Probing:** most calls were refused (AccessDenied): someone tried what the key may do.');
      lines.push('');
      lines.push(...countsTable('Source IPs', found.sourceIps), ...countsTable('User agents', found.userAgents), ...countsTable('Regions', countRegions(found)));
      lines.push(...countsTable('Events', found.eventNames), ...countsTable('Error codes', found.errorCodes));
      if (found.suspicious.length) {
        lines.push('### Persistence and escalation', '', ...eventTable(found.suspicious), '');
      }
      lines.push('### All events', '', ...eventTable(found.events), '');
    } else {
      lines.push('No events found.', '');
    }
  }
  return lines.join('\n');
}

function countRegions(found: Investigation): { value: string; count: number }[] {
  const map = new Map<string, number>();
  for (const e of found.events) map.set(e.region, (map.get(e.region) ?? 0) + 1);
  return [...map].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count);
}

function eventTable(events: readonly InvestigatedEvent[]): string[] {
  return [
    '| time | event | source IP | region | error | key | |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...events.map((e) => `| ${time(e.time)} | ${md(e.eventName)} | ${md(e.sourceIp)} | ${md(e.region)} | ${md(e.errorCode)} | ${md(e.accessKeyId.includes('*') ? e.accessKeyId : maskKeyId(e.accessKeyId))} | [CloudTrail](${e.consoleUrl}) |`),
  ];
}
