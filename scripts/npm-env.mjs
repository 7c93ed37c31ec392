// Inside `npm test` or `npm run demo`, npm exports its own configuration as npm_config_* (among it
// npm_config_user_agent, "... node/v20 ...", which code-server's postinstall reads as the Node version),
// plus npm_package_*, npm_lifecycle_* and NODE. A nested npm would take all of that as its own
// configuration, so the scripts drop it before they start anything: every nested npm then reads the
// same config files a plain `npm` in a terminal reads.

/** Removes the outer npm's exported variables from this process's environment (children inherit the result). */
export function forgetOuterNpm(env = process.env) {
  for (const name of Object.keys(env)) {
    if (/^npm_/i.test(name) || name === 'INIT_CWD' || name === 'NODE') delete env[name];
  }
  return env;
}
