/**
 * AI API keys. Format facts (provider documentation and the keys those consoles issue):
 * - OpenAI (platform.openai.com/docs/api-reference/authentication): project keys `sk-proj-`,
 *   service-account keys `sk-svcacct-`, admin keys `sk-admin-`, a URL-safe base64 body; keys carry
 *   `T3BlbkFJ` (base64 of "OpenAI") in the middle. Legacy user keys: `sk-` + 20 + `T3BlbkFJ` + 20
 *   alphanumerics, 51 characters; without the marker a bare `sk-` value is not reported.
 * - Anthropic (docs.anthropic.com/en/api/getting-started, /en/api/administration-api): API keys
 *   `sk-ant-api03-`, Admin API keys `sk-ant-admin01-`; 93 URL-safe base64 characters, then `AA`.
 * - Hugging Face (huggingface.co/docs/hub/security-tokens): user access tokens `hf_` + 34 letters.
 * - Groq (console.groq.com/docs/api-keys): `gsk_` + 52 alphanumerics.
 */
import type { RawFinding } from './raw';
import { finding, looksIssued, matchAt, standsAlone } from './tokenShape';

const OPENAI_SCOPED = /sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,300}(?![A-Za-z0-9_-])/y;
const OPENAI_LEGACY = /sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}(?![A-Za-z0-9_-])/y;
const OPENAI_MARKER = 'T3BlbkFJ';
const ANTHROPIC = /sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{93}AA(?![A-Za-z0-9_-])/y;
const HUGGING_FACE = /hf_[A-Za-z]{34}(?![A-Za-z0-9_])/y;
const GROQ = /gsk_[A-Za-z0-9]{52}(?![A-Za-z0-9_])/y;

/** An OpenAI or Anthropic key at `start` (the `sk-` anchor). */
export function skDashKeyAt(text: string, start: number): RawFinding | undefined {
  if (!standsAlone(text, start)) return undefined;
  if (text.startsWith('sk-ant-', start)) {
    const value = matchAt(ANTHROPIC, text, start);
    if (!value || !looksIssued(value.slice(value.indexOf('-', 7) + 1, -2))) return undefined;
    return finding('anthropic-api-key', start, value, 'high');
  }
  const scoped = matchAt(OPENAI_SCOPED, text, start);
  if (scoped) {
    const body = scoped.slice(scoped.indexOf('-', 3) + 1);
    if (!looksIssued(body)) return undefined;
    // The marker is in every key the platform issues today; without it the prefix alone still names OpenAI.
    return finding('openai-api-key', start, scoped, body.includes(OPENAI_MARKER) ? 'high' : 'medium');
  }
  const legacy = matchAt(OPENAI_LEGACY, text, start);
  if (!legacy || !looksIssued(legacy.slice(3, 23) + legacy.slice(31))) return undefined;
  return finding('openai-api-key', start, legacy, 'high');
}

/** A Hugging Face access token at `start` (`hf_`). */
export function huggingFaceTokenAt(text: string, start: number): RawFinding | undefined {
  if (!standsAlone(text, start)) return undefined;
  const value = matchAt(HUGGING_FACE, text, start);
  if (!value || !looksIssued(value.slice(3))) return undefined;
  return finding('huggingface-token', start, value, 'high');
}

/** A Groq API key at `start` (`gsk_`). */
export function groqKeyAt(text: string, start: number): RawFinding | undefined {
  if (!standsAlone(text, start)) return undefined;
  const value = matchAt(GROQ, text, start);
  if (!value || !looksIssued(value.slice(4))) return undefined;
  return finding('groq-api-key', start, value, 'high');
}
