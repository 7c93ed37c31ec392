/**
 * The detector's internal finding, in text offsets. Rules produce these; detector.ts turns them
 * into public Findings (line/column ranges, fingerprints) once, at the end.
 */
import type { Confidence, EncodedAs } from './types';

export interface RawFinding {
  ruleId: string;
  start: number;
  end: number;
  /** The matched text, only used to fingerprint it; never leaves the core. */
  value: string;
  masked: string;
  confidence: Confidence;
  accountId?: string;
  pair?: RawFinding;
  /** How the value is written in the source when not in clear (see Finding.encoded). */
  encoded?: EncodedAs;
}
