/**
 * Roles or IAM Identity Center instead of a long-term key: which accounts the config already
 * reaches without one (an SSO profile's `sso_account_id`, a role profile's `role_arn` whose source
 * is not the key profile itself).
 */
import { getProperty, mergeProfiles, type CredentialsDocument } from '../credentials';

/** Profiles that reach an account without a long-term key, by account id. */
export type KeylessAccess = Map<string, { profile: string; via: 'IAM Identity Center' | 'a role' }[]>;

/** Finds, in the parsed files, every profile that reaches an account through SSO or a role. */
export function keylessAccessOf(files: { credentials?: CredentialsDocument; config?: CredentialsDocument }): KeylessAccess {
  const access: KeylessAccess = new Map();
  const add = (account: string, entry: { profile: string; via: 'IAM Identity Center' | 'a role' }) => {
    access.set(account, [...(access.get(account) ?? []), entry]);
  };
  for (const profile of mergeProfiles(files)) {
    const props = profile.properties;
    const ssoAccount = getProperty(props, 'sso_account_id');
    if (profile.kind === 'sso' && ssoAccount && /^\d{12}$/.test(ssoAccount)) add(ssoAccount, { profile: profile.name, via: 'IAM Identity Center' });
    const roleArn = getProperty(props, 'role_arn');
    const roleAccount = roleArn ? /^arn:aws[\w-]*:iam::(\d{12}):role\//.exec(roleArn)?.[1] : undefined;
    if (profile.kind === 'role' && roleAccount) add(roleAccount, { profile: profile.name, via: 'a role' });
  }
  return access;
}

/** The suggestion for a key profile of `accountId`, or undefined when nothing else reaches it. */
export function keylessSuggestion(access: KeylessAccess, accountId: string, keyProfile: string, files: { credentials?: CredentialsDocument; config?: CredentialsDocument }): string | undefined {
  // A role assumed with this very key still needs the key: only roles with another source count.
  const sources = new Map(mergeProfiles(files).map((p) => [p.name, getProperty(p.properties, 'source_profile')]));
  const others = (access.get(accountId) ?? []).filter((entry) => entry.via !== 'a role' || sources.get(entry.profile) !== keyProfile);
  if (others.length === 0) return undefined;
  const names = others.map((o) => `${o.profile} (${o.via})`).join(', ');
  return `account ${accountId} is also reached through ${names}: use that instead of a long-term key, then delete this key`;
}
