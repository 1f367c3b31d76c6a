// Reads the account databases for the hardening checks: names and ids, and accounts with an empty password field.
// Formats: passwd(5) https://man7.org/linux/man-pages/man5/passwd.5.html, shadow(5), group(5) (same site).

/** A name and its uid (passwd) or gid (group). */
export interface Account {
  name: string;
  id: number;
}

export interface PasswdFacts {
  accounts: Account[];
  /** Names whose password field is empty: no password at all (an 'x' defers to /etc/shadow). */
  emptyPassword: string[];
}

/**
 * Users of /etc/shadow whose password field is empty, which lets anyone log in as them. A field starting with '!' or
 * '*' locks the account and is fine (CVE-2019-5021 was Alpine shipping `root::`).
 */
export function parseShadow(text: string, warn: (message: string) => void): string[] {
  const empty: string[] = [];
  for (const { fields, line } of records(text)) {
    if (fields.length < 2) {
      warn(`line ${line}: not a shadow entry (no password field)`);
      continue;
    }
    if (fields[1] === '') empty.push(fields[0]!);
  }
  return empty.sort();
}

/** /etc/passwd: name:password:uid:gid:gecos:home:shell. */
export function parsePasswd(text: string, warn: (message: string) => void): PasswdFacts {
  const accounts = namedIds(text, 2, 'passwd', warn);
  const emptyPassword: string[] = [];
  for (const { fields } of records(text)) {
    if (fields.length >= 3 && fields[1] === '') emptyPassword.push(fields[0]!);
  }
  return { accounts, emptyPassword: emptyPassword.sort() };
}

/** /etc/group: name:password:gid:members. */
export function parseGroup(text: string, warn: (message: string) => void): Account[] {
  return namedIds(text, 2, 'group', warn);
}

/** Ids that more than one name shares, each with its names sorted; by id. */
export function duplicateIds(accounts: readonly Account[]): { id: number; names: string[] }[] {
  const byId = new Map<number, Set<string>>();
  for (const a of accounts) {
    const names = byId.get(a.id) ?? new Set<string>();
    names.add(a.name);
    byId.set(a.id, names);
  }
  return [...byId]
    .filter(([, names]) => names.size > 1)
    .map(([id, names]) => ({ id, names: [...names].sort() }))
    .sort((a, b) => a.id - b.id);
}

function namedIds(
  text: string,
  idField: number,
  what: string,
  warn: (message: string) => void,
): Account[] {
  const accounts: Account[] = [];
  for (const { fields, line } of records(text)) {
    const raw = fields[idField];
    if (raw === undefined || !/^\d+$/.test(raw)) {
      warn(`line ${line}: not a ${what} entry (no numeric id in field ${idField + 1})`);
      continue;
    }
    accounts.push({ name: fields[0]!, id: Number(raw) });
  }
  return accounts;
}

/** Non-empty lines split at ':', without comments and NIS compat entries ('+' and '-' lines name other sources). */
function* records(text: string): Generator<{ fields: string[]; line: number }> {
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    const content = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (content.trim() === '' || content.startsWith('#')) continue;
    if (content.startsWith('+') || content.startsWith('-')) continue;
    yield { fields: content.split(':'), line: index + 1 };
  }
}
