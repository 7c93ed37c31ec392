import type { CliIo } from './main';

/** Placeholder until the detector lands: `scan` reports that it is not available yet. */
export async function runScan(_args: string[], io: CliIo): Promise<number> {
  io.err('aws-key-guard scan: not implemented yet');
  return 2;
}
