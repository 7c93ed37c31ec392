/** The `source` of every diagnostic we publish: quick fixes and hovers only act on these. */
export const DIAGNOSTIC_SOURCE = 'AWS Key Guard';

/** `publisher.name` from package.json (a unit test checks): rule links are addressed to it. */
export const EXTENSION_ID = 'aws-key-guard.aws-key-guard';
