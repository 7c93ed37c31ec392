/**
 * Virtual MFA devices: CreateVirtualMFADevice hands out a TOTP seed, EnableMFADevice attaches the
 * device to a user once two consecutive codes from it check out, as in IAM.
 */
import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { ActionContext, ActionHandler } from './actions';
import { AwsError, missingParameter } from './errors';
import { authorize } from './policy';

const PERIOD_SECONDS = 30;

function required(context: ActionContext, name: string): string {
  const value = context.params.get(name);
  if (value === null || value === '') throw missingParameter(name);
  return value;
}

function codeAt(totpSecret: string, timestampMs: number): string {
  return new TOTP({ secret: Secret.fromBase32(totpSecret), algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS }).generate({ timestamp: timestampMs });
}

/** True when `first` and `second` are the codes of two consecutive periods near `nowMs`. */
function consecutiveCodes(totpSecret: string, nowMs: number, first: string, second: string): boolean {
  for (let step = -3; step <= 1; step++) {
    const at = nowMs + step * PERIOD_SECONDS * 1000;
    if (codeAt(totpSecret, at) === first && codeAt(totpSecret, at + PERIOD_SECONDS * 1000) === second) return true;
  }
  return false;
}

/** MFA device actions by name. */
export const mfaActions: Record<string, ActionHandler> = {
  CreateVirtualMFADevice: (context) => {
    const name = required(context, 'VirtualMFADeviceName');
    authorize(context.principal, 'iam:CreateVirtualMFADevice');
    const path = context.params.get('Path') || '/';
    const serialNumber = `arn:aws:iam::${context.state.accountId}:mfa${path}${name}`;
    const taken = context.state.pendingMfaDevices.has(serialNumber) || [...context.state.users.values()].some((u) => u.mfaDevices.some((d) => d.serialNumber === serialNumber));
    if (taken) throw new AwsError('EntityAlreadyExists', 409, `MFADevice entity at the same path and name already exists.`);
    const totpSecret = new Secret({ buffer: randomBytes(20).buffer }).base32;
    context.state.pendingMfaDevices.set(serialNumber, { serialNumber, totpSecret });
    // IAM returns the seed base64-encoded (a blob of the base32 text).
    return { VirtualMFADevice: { SerialNumber: serialNumber, Base32StringSeed: Buffer.from(totpSecret, 'utf8').toString('base64') } };
  },

  EnableMFADevice: (context) => {
    const userName = required(context, 'UserName');
    const serialNumber = required(context, 'SerialNumber');
    const first = required(context, 'AuthenticationCode1');
    const second = required(context, 'AuthenticationCode2');
    authorize(context.principal, 'iam:EnableMFADevice', userName);
    const user = context.state.user(userName);
    const device = context.state.pendingMfaDevices.get(serialNumber);
    if (!device) throw new AwsError('NoSuchEntity', 404, `VirtualMFADevice with serial number ${serialNumber} doesn't exist.`);
    if (!consecutiveCodes(device.totpSecret, context.state.clock.nowMs(), first, second)) {
      throw new AwsError('InvalidAuthenticationCode', 403, 'Authentication code for the MFA device is not valid.');
    }
    context.state.pendingMfaDevices.delete(serialNumber);
    user.mfaDevices.push({ serialNumber, totpSecret: device.totpSecret, enableDate: context.state.clock.nowSeconds() });
    return undefined;
  },
};
