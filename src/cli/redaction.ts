/**
 * Redaction for the CLI's last-resort error message, in its own bundle: the dispatcher (main.ts)
 * loads it only when a command fails unexpectedly, so `scan` does not parse the detector twice.
 */
export { redactSecrets } from '../core/redact';
