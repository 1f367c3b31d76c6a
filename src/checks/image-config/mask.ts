// Shows a secret without giving it away: its middle masked, and the credentials and query values of a URL masked,
// so a finding says what was seen (the Finding contract in src/model/finding.ts) but never the whole secret.

/** `hunter2` -> `h*****2`: up to four characters kept at each end, fewer for short values, none below four. */
export function maskSecret(value: string): string {
  const n = value.length;
  const keep = n >= 16 ? 4 : n >= 8 ? 2 : n >= 4 ? 1 : 0;
  return value.slice(0, keep) + '*'.repeat(n - 2 * keep) + value.slice(n - keep);
}

/** A URL with its password (`user:p***d@`) and every query value (`?token=ab***yz`) masked. */
export function maskUrlSecrets(url: string): string {
  return url
    .replace(
      /^([a-z][a-z0-9+.-]*:\/\/[^/:@\s]*:)([^@/\s]*)@/i,
      (_m, head: string, password: string) => `${head}${maskSecret(password)}@`,
    )
    .replace(
      /([?&][^=&#\s]+=)([^&#\s]*)/g,
      (_m, key: string, value: string) => key + maskSecret(value),
    );
}
