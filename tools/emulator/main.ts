/**
 * Standalone emulator: `npm run emulator -- [--seed FILE] [--port N]`.
 *
 * Standard output's first line is one JSON object {url, accessKeyId, secretAccessKey} with the
 * seeded administrator's fake credentials, for scripts and other AWS clients. Everything meant
 * for people (the account, MFA help) goes to standard error. SIGINT/SIGTERM stop it cleanly.
 */
import { startEmulator } from './emulator';

interface CommandLine {
  seed?: string;
  port?: number;
}

function parseCommandLine(args: string[]): CommandLine {
  const options: CommandLine = {};
  for (let i = 0; i < args.length; i++) {
    const value = args[i + 1];
    if (args[i] === '--seed' && value !== undefined) {
      options.seed = value;
      i++;
    } else if (args[i] === '--port' && value !== undefined && /^\d+$/.test(value)) {
      options.port = Number(value);
      i++;
    } else {
      throw new Error(`Unknown or incomplete argument "${args[i]}". Usage: emulator [--seed FILE] [--port N]`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseCommandLine(process.argv.slice(2));
  const emulator = await startEmulator({ seed: options.seed, port: options.port });
  const { admin } = emulator;
  process.stdout.write(JSON.stringify({ url: emulator.url, accessKeyId: admin.accessKeyId, secretAccessKey: admin.secretAccessKey }) + '\n');

  const banner = [`IAM/STS emulator on ${emulator.url} (account ${emulator.state.accountId}, admin ${admin.userName})`];
  banner.push(`  Point the SDK at it: AWS_ENDPOINT_URL_IAM=${emulator.url} AWS_ENDPOINT_URL_STS=${emulator.url} AWS_ENDPOINT_URL_CLOUDTRAIL=${emulator.url}; the AWS CLI needs --endpoint-url ${emulator.url}`);
  for (const user of emulator.users()) {
    const keys = user.accessKeys.map((k) => `${k.accessKeyId} ${k.status} ${Math.floor((emulator.now().getTime() - k.createDate.getTime()) / 86_400_000)}d`).join(', ');
    banner.push(`  ${user.userName}: ${keys || 'no keys'}`);
    for (const device of user.mfaDevices) {
      const totpSecret = emulator.state.user(user.userName).mfaDevices.find((d) => d.serialNumber === device.serialNumber)?.totpSecret;
      banner.push(`    MFA ${device.serialNumber}: TOTP secret ${totpSecret} (SHA-1, 6 digits, 30 s); current code: curl '${emulator.url}/_emulator/mfa-code?serial=${encodeURIComponent(device.serialNumber)}'`);
    }
  }
  banner.push(`  Control: GET ${emulator.url}/_emulator/state, POST ${emulator.url}/_emulator/faults … (see tools/emulator/control.ts). Ctrl-C stops.`);
  process.stderr.write(banner.join('\n') + '\n');

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
  process.stderr.write(`emulator: ${error.message}\n`);
  process.exit(1);
});
