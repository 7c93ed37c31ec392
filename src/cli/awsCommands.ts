/**
 * The commands that talk to AWS, bundled together so the SDK ships once in dist/ (and `scan`, which
 * needs none of it, stays small).
 */
export { runAudit } from './audit';
export { runProfiles } from './profiles';
export { runRotate } from './rotate';
export { runRespond } from './respond';
