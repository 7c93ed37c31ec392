/**
 * The STS actions the emulator answers: who am I, and temporary (ASIA) credentials, with MFA
 * when the caller gives a device serial and a TOTP code.
 */
import { Secret, TOTP } from 'otpauth';
import { ActionContext, ActionHandler } from './actions';
import { AwsError } from './errors';
import { newSecretAccessKey, newSessionKeyId, newSessionToken } from './ids';
import { MfaDeviceRecord, SessionRecord } from './model';
import { authorize } from './policy';

/** STS's XML namespace and API version. */
export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';
export const STS_VERSION = '2011-06-15';

const MIN_DURATION_S = 900;
const MAX_DURATION_S = 129600;
const DEFAULT_DURATION_S = 43200;

/**
 * Checks a TOTP code against a device. Real wall-clock time, not the emulator's clock: tests and
 * authenticator apps compute codes from real time even when the emulator pretends another date.
 */
export function isValidTotp(device: MfaDeviceRecord, code: string): boolean {
  const totp = new TOTP({ secret: Secret.fromBase32(device.totpSecret), algorithm: 'SHA1', digits: 6, period: 30 });
  return totp.validate({ token: code, window: 1 }) !== null;
}

function durationSeconds(context: ActionContext): number {
  const text = context.params.get('DurationSeconds');
  if (text === null) return DEFAULT_DURATION_S;
  const value = Number(text);
  if (!Number.isInteger(value) || value < MIN_DURATION_S || value > MAX_DURATION_S) {
    const bound = value < MIN_DURATION_S ? `greater than or equal to ${MIN_DURATION_S}` : `less than or equal to ${MAX_DURATION_S}`;
    throw new AwsError('ValidationError', 400, `1 validation error detected: Value '${text}' at 'durationSeconds' failed to satisfy constraint: Member must have value ${bound}`);
  }
  return value;
}

/** True when the call carried a valid MFA code; AccessDenied (AWS's wording) when it carried a bad one. */
function checkMfa(context: ActionContext): boolean {
  const serial = context.params.get('SerialNumber');
  const code = context.params.get('TokenCode');
  if (serial === null && code === null) return false;
  if (serial === null || code === null) {
    throw new AwsError('ValidationError', 400, 'SerialNumber and TokenCode must be provided together.');
  }
  if (!/^\d{6}$/.test(code)) {
    throw new AwsError('ValidationError', 400, `1 validation error detected: Value '${code}' at 'tokenCode' failed to satisfy constraint: Member must have length less than or equal to 6`);
  }
  const device = context.principal.user.mfaDevices.find((d) => d.serialNumber === serial);
  if (!device) {
    throw new AwsError('AccessDenied', 403, 'MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA serial number is valid and associated with this user.');
  }
  if (!isValidTotp(device, code)) throw new AwsError('AccessDenied', 403, 'MultiFactorAuthentication failed with invalid MFA one time pass code. ');
  return true;
}

/** STS action handlers by action name. */
export const stsActions: Record<string, ActionHandler> = {
  // GetCallerIdentity needs no permission in AWS: even a user denied everything may call it.
  GetCallerIdentity: ({ principal, state }) => ({ UserId: principal.user.userId, Account: state.accountId, Arn: principal.user.arn }),

  GetSessionToken: (context) => {
    const { principal, state } = context;
    if (principal.session) throw new AwsError('AccessDenied', 403, 'Cannot call GetSessionToken with session credentials');
    authorize(principal, 'sts:GetSessionToken');
    const duration = durationSeconds(context);
    const mfaAuthenticated = checkMfa(context);
    const session: SessionRecord = {
      accessKeyId: newSessionKeyId(state.accountId),
      secretAccessKey: newSecretAccessKey(),
      sessionToken: newSessionToken(),
      userName: principal.user.userName,
      expiration: new Date(state.clock.nowSeconds().getTime() + duration * 1000),
      mfaAuthenticated,
      sourceAccessKeyId: principal.accessKeyId,
      issuedAt: state.clock.nowSeconds(),
    };
    state.sessions.set(session.accessKeyId, session);
    return {
      Credentials: {
        AccessKeyId: session.accessKeyId,
        SecretAccessKey: session.secretAccessKey,
        SessionToken: session.sessionToken,
        Expiration: session.expiration,
      },
    };
  },
};
