/**
 * The local IAM/STS emulator: test and demo tooling that the unmodified AWS SDK and CLI talk to
 * over HTTP. Not part of the extension bundle.
 */
export { DEFAULT_ADMIN_NAME, Emulator, EmulatorOptions, startEmulator, UserCredentials } from './emulator';
export { FaultSpec } from './faults';
export { CallRecord } from './server';
export { loadSeedFile, parseSeed, Seed, SeedAccessKey, SeedLastUsed, SeedMfaDevice, SeedUser } from './seed';
export { AccessKeyView, EmulatorSnapshot, SessionView, UserView } from './views';
export { accountEncodedId } from './ids';
export { TrailEvent } from './eventHistory';
export { SeedEvent } from './seedEvents';
