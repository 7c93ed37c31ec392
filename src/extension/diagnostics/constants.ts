/** The `source` of every diagnostic we publish: quick fixes and hovers only act on these. */
export const DIAGNOSTIC_SOURCE = 'AWS Key Guard';
