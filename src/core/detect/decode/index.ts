/**
 * The decoding layer: derived texts (base64, escapes, split literals, values whose name is one level
 * up or lines away) go through the same rules as the source, and what they find is reported on the
 * encoded span, with a masked value saying what it decodes to. One level only: derived text is never
 * decoded again.
 */
import type { RawFinding } from '../raw';
import { ruleById } from '../rules';
import { base64Texts } from './base64';
import { contextTexts } from './context';
import { sourceSpan, type DerivedText, type Encoding } from './derived';
import { escapedTexts } from './escapes';
import { splitTexts } from './split';
import { xmlTexts } from './xml';

export type { DerivedText, Encoding } from './derived';

const HOW: Record<Encoding, string> = { base64: 'base64 of', escapes: 'escaped', split: 'split literals of', context: '' };

/** Every derived text of `text`, in no particular order. */
export function derivedTexts(text: string): DerivedText[] {
  return [...base64Texts(text), ...escapedTexts(text), ...splitTexts(text), ...contextTexts(text), ...xmlTexts(text)];
}

/**
 * Findings in the decoded forms of `text`, on source offsets. `findRaw` is the detector's own
 * pass over plain text (so every rule applies, none knows about decoding).
 */
export function findDecoded(text: string, findRaw: (text: string) => RawFinding[]): RawFinding[] {
  const out: RawFinding[] = [];
  for (const d of derivedTexts(text)) {
    for (const raw of findRaw(d.text)) {
      const span = sourceSpan(d, raw.start, raw.end);
      if (!span) continue;
      const found: RawFinding = {
        ruleId: raw.ruleId,
        start: span.start,
        end: span.end,
        value: raw.value,
        masked: d.encoding === 'context' ? raw.masked : `${HOW[d.encoding]} ${ruleById(raw.ruleId).title}: ${raw.masked}`,
        confidence: raw.confidence,
      };
      if (d.encoding !== 'context') found.encoded = d.encoding;
      if (raw.accountId) found.accountId = raw.accountId;
      const pairSpan = raw.pair ? sourceSpan(d, raw.pair.start, raw.pair.end) : undefined;
      if (raw.pair && pairSpan) found.pair = { ...raw.pair, start: pairSpan.start, end: pairSpan.end };
      out.push(found);
    }
  }
  return out;
}
