// Tells credential files by name, and says from their content what makes them sensitive, never keeping the secret.
// Formats: npmrc (https://docs.npmjs.com/cli/v10/configuring-npm/npmrc), docker config.json auths, PEM and OpenSSH keys (PROTOCOL.key).

import type { CredentialKind } from './evidence.js';

const BY_BASENAME: ReadonlyMap<string, CredentialKind> = new Map<string, CredentialKind>([
  ['id_rsa', 'ssh-private-key'],
  ['id_dsa', 'ssh-private-key'],
  ['id_ecdsa', 'ssh-private-key'],
  ['id_ed25519', 'ssh-private-key'],
  ['.npmrc', 'npmrc'],
  ['.git-credentials', 'git-credentials'],
  ['.pgpass', 'pgpass'],
  ['.netrc', 'netrc'],
  ['.pypirc', 'pypirc'],
]);

/** Files known by their last two components, wherever the home directory is. */
const BY_TAIL: ReadonlyMap<string, CredentialKind> = new Map<string, CredentialKind>([
  ['.aws/credentials', 'aws-credentials'],
  ['.docker/config.json', 'docker-config'],
]);

/** The kind of credential file `path` names, if any (an SSH key's `.pub` half is public and no credential). */
export function credentialKindOf(path: string): CredentialKind | undefined {
  const slash = path.lastIndexOf('/');
  const byName = BY_BASENAME.get(path.slice(slash + 1));
  if (byName) return byName;
  const parentSlash = slash > 0 ? path.lastIndexOf('/', slash - 1) : -1;
  return slash > 0 ? BY_TAIL.get(path.slice(parentSlash + 1)) : undefined;
}

/** What makes this copy of a credential file sensitive, or undefined when it holds nothing secret. */
export function credentialReason(kind: CredentialKind, content: Buffer): string | undefined {
  const text = content.toString('utf8');
  if (text.trim() === '') return undefined; // an empty placeholder holds nothing
  switch (kind) {
    case 'ssh-private-key':
      return describePrivateKey(text);
    case 'npmrc':
      return npmrcSecrets(text);
    case 'docker-config':
      return dockerConfigSecrets(text);
    case 'aws-credentials':
      return 'AWS shared credentials file';
    case 'git-credentials':
      return 'Git credential store (URLs with passwords or tokens)';
    case 'pgpass':
      return 'PostgreSQL password file';
    case 'netrc':
      return 'netrc login file (machine passwords)';
    case 'pypirc':
      return 'Python package index configuration (upload credentials)';
  }
}

const PEM =
  /-----BEGIN ((?:RSA |DSA |EC |ENCRYPTED |OPENSSH )?PRIVATE KEY)-----([\s\S]*?)-----END \1-----/;

function describePrivateKey(text: string): string {
  const pem = PEM.exec(text);
  if (!pem) return 'non-empty file named like an SSH private key (not a PEM or OpenSSH key)';
  const label = pem[1]!;
  const body = pem[2]!;
  if (label === 'OPENSSH PRIVATE KEY') {
    const cipher = openSshCipher(body);
    if (cipher === undefined) return 'OpenSSH private key (unreadable header)';
    return cipher === 'none'
      ? 'OpenSSH private key, not passphrase-protected'
      : 'OpenSSH private key, passphrase-protected';
  }
  if (label === 'ENCRYPTED PRIVATE KEY') return 'PKCS#8 private key, passphrase-protected';
  const kind = label === 'PRIVATE KEY' ? 'PKCS#8' : `PEM ${label.split(' ')[0]}`;
  // Traditional PEM keys carry their encryption in headers (RFC 1421): Proc-Type: 4,ENCRYPTED.
  return /Proc-Type:\s*4,ENCRYPTED/.test(body)
    ? `${kind} private key, passphrase-protected`
    : `${kind} private key, not passphrase-protected`;
}

const OPENSSH_MAGIC = 'openssh-key-v1\0';

/** The cipher name of an OpenSSH key: the magic, then a uint32-length-prefixed string (openssh PROTOCOL.key). */
function openSshCipher(body: string): string | undefined {
  const bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  const start = OPENSSH_MAGIC.length;
  if (bytes.length < start + 4 || bytes.toString('latin1', 0, start) !== OPENSSH_MAGIC)
    return undefined;
  const length = bytes.readUInt32BE(start);
  if (length > 64 || bytes.length < start + 4 + length) return undefined;
  return bytes.toString('latin1', start + 4, start + 4 + length);
}

/** `_authToken`, `_auth` and `_password`, bare or scoped to a registry (`//host/:_authToken`). */
const NPM_SECRET_KEY = /^(?:(.*):)?(_authToken|_auth|_password)$/;
/** npm expands ${VAR} in .npmrc: a value that is only such a reference keeps the secret out of the file. */
const ENV_REFERENCE = /^\$\{[^}]+\}$/;

function npmrcSecrets(text: string): string | undefined {
  const found = new Set<string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const key = line.slice(0, eq).trim();
    const value = unquote(line.slice(eq + 1).trim());
    const match = NPM_SECRET_KEY.exec(key);
    if (!match || value === '' || ENV_REFERENCE.test(value)) continue;
    found.add(match[1] ? `${match[2]} for ${match[1]}` : `${match[2]} (default registry)`);
  }
  return found.size > 0 ? `.npmrc sets ${[...found].sort().join(', ')}` : undefined;
}

function unquote(value: string): string {
  const q = value[0];
  return (q === '"' || q === "'") && value.length >= 2 && value.endsWith(q)
    ? value.slice(1, -1)
    : value;
}

/** Registries under `auths` whose entry carries `auth` (base64 user:password) or an `identitytoken`. */
function dockerConfigSecrets(text: string): string | undefined {
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch {
    return undefined; // not JSON: docker would not read it either
  }
  const auths = isRecord(config) ? config['auths'] : undefined;
  if (!isRecord(auths)) return undefined;
  const registries = Object.entries(auths)
    .filter(
      ([, entry]) =>
        isRecord(entry) && (nonEmpty(entry['auth']) || nonEmpty(entry['identitytoken'])),
    )
    .map(([registry]) => registry)
    .sort();
  if (registries.length === 0) return undefined;
  return `docker config.json holds credentials for ${registries.join(', ')}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmpty(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}
