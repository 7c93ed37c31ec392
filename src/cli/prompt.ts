/** Terminal prompts for the CLI (confirmations, MFA codes). */
import type { ConfirmationRequest, MfaCodeRequest } from '../core/rotation';
import type { CliIo } from './main';

/**
 * Asks a confirmation on the terminal: an explicit one (deleting a key, for instance) needs "yes"
 * typed in full; an ordinary one takes y or yes. Shared by `rotate` and `respond`.
 */
export async function confirmOnTerminal(prompt: NonNullable<CliIo['prompt']>, request: ConfirmationRequest): Promise<boolean> {
  const answer = (await prompt(request.explicit ? `Type "yes" to ${request.acceptLabel.toLowerCase()}: ` : `${request.acceptLabel}? [y/N] `)).trim().toLowerCase();
  return request.explicit ? answer === 'yes' : answer === 'y' || answer === 'yes';
}

/** Where a command's MFA code comes from: `--mfa-code`, else a hidden terminal prompt, else nowhere (no terminal). */
export function mfaCodeSource(io: CliIo, mfaCode: string | undefined): ((request: MfaCodeRequest) => Promise<string | undefined>) | undefined {
  if (mfaCode) return async () => mfaCode;
  const prompt = io.prompt;
  if (!prompt) return undefined;
  return async (request) => (await prompt(`MFA code for ${request.serialNumber}: `, { secret: true })).trim() || undefined;
}

/** Reads one line from the terminal; a secret answer is not echoed. */
export function promptOnTerminal(question: string, opts: { secret?: boolean } = {}): Promise<string> {
  const readline = require('node:readline') as typeof import('node:readline');
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  if (opts.secret) {
    // Echo nothing after the question: readline writes typed characters through _writeToOutput.
    const internal = rl as unknown as { _writeToOutput: (s: string) => void };
    internal._writeToOutput = (s: string) => {
      if (s.startsWith(question)) process.stderr.write(question);
    };
  }
  return new Promise((resolve) =>
    rl.question(question, (answer) => {
      if (opts.secret) process.stderr.write('\n');
      rl.close();
      resolve(answer);
    }),
  );
}
