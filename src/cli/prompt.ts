/** Terminal prompts for the CLI (confirmations, MFA codes). */
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
