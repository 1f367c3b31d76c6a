// Which environment variables and build args look like credentials, by name and value: the names CIS Docker
// Benchmark 4.10 and Dockle CIS-DI-0010 look for (https://github.com/goodwithtech/dockle/blob/master/CHECKPOINT.md), narrowed.

// Names split into words at `_`, `-` and `.`: word-wise matching keeps TOKENIZERS_PARALLELISM and SECRETARY out.
const KEY_QUALIFIERS = new Set([
  'API',
  'ACCESS',
  'PRIVATE',
  'SECRET',
  'AUTH',
  'ENCRYPTION',
  'SIGNING',
  'MASTER',
]);
const JOINED_KEYS = new Set(['APIKEY', 'ACCESSKEY', 'PRIVATEKEY', 'SECRETKEY', 'AUTHKEY']);
/** A last word that makes the variable a setting about a secret rather than the secret (`TOKEN_TYPE`, `*_FILE`). */
const SETTING_WORDS = new Set([
  'DIR',
  'ENABLED',
  'ENDPOINT',
  'EXPIRY',
  'FILE',
  'HEADER',
  'HOST',
  'LENGTH',
  'NAME',
  'PATH',
  'PORT',
  'TIMEOUT',
  'TTL',
  'TYPE',
  'URI',
  'URL',
  'USER',
  'USERNAME',
]);
/** The shell's working directory variables, not passwords. */
const SHELL_NAMES = new Set(['PWD', 'OLDPWD']);

/** Whether a variable's name says it holds a credential (`DB_PASSWORD`, `GITHUB_TOKEN`, `AWS_ACCESS_KEY_ID`). */
export function isSecretName(name: string): boolean {
  const upper = name.toUpperCase();
  if (SHELL_NAMES.has(upper)) return false;
  const words = upper.split(/[_.-]+/).filter((w) => w !== '');
  if (words.length === 0 || SETTING_WORDS.has(words[words.length - 1]!)) return false;
  return words.some((word, i) => {
    if (/PASSWORD|PASSWD|PASSPHRASE/.test(word)) return true;
    if (word === 'PASS' || word === 'PWD') return true;
    if (word === 'SECRETS' || word.endsWith('SECRET')) return true;
    if (word === 'TOKENS' || word.endsWith('TOKEN')) return true;
    if (word.startsWith('CREDENTIAL') || word === 'CREDS') return true;
    if (JOINED_KEYS.has(word)) return true;
    return word === 'KEY' && i > 0 && KEY_QUALIFIERS.has(words[i - 1]!);
  });
}

const PLACEHOLDER_WORDS = new Set([
  'changeme',
  'dummy',
  'empty',
  'fixme',
  'nil',
  'none',
  'null',
  'placeholder',
  'redacted',
  'replaceme',
  'tbd',
  'todo',
  'undefined',
  'unset',
]);
const SWITCH_WORDS = new Set([
  'true',
  'false',
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  'enabled',
  'disabled',
]);

/**
 * Whether a value under a secret-looking name is plainly not a credential: empty; a placeholder (`${TOKEN}`,
 * `<token>`, `xxxx`, `changeme`, `your-token-here`); a switch or a short number (`MYSQL_ALLOW_EMPTY_PASSWORD=yes`,
 * `PASSWORD_MIN=12`); a file path (`/run/secrets/db`, the `*_FILE` convention of official images); a URL without
 * credentials.
 */
export function isNonSecretValue(value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  const word = v.toLowerCase().replace(/[-_ ]/g, '');
  if (PLACEHOLDER_WORDS.has(word) || word.startsWith('your')) return true;
  if (SWITCH_WORDS.has(v.toLowerCase()) || /^\d{1,5}$/.test(v)) return true;
  if (/^\$(?:\{[^}]*\}|\w+)$/.test(v) || /^<[^>]*>$/.test(v) || /^\{\{.*\}\}$/.test(v)) return true;
  if (/^(.)\1*$/.test(v)) return true;
  if (isFilePath(v)) return true;
  return /^[a-z][a-z0-9+.-]*:\/\/[^\s@]+$/i.test(v) && !/[?&][^=&]+=/.test(v);
}

// `/run/secrets/db`, `./config/key.json`, `~/.aws/credentials`; not base64 (`/x8K+a==` has `+` or `=`).
function isFilePath(v: string): boolean {
  const m = /^(?:\/|\.\.?\/|~\/)(.*)$/.exec(v);
  if (!m) return false;
  const segments = m[1]!.split('/');
  return (
    segments.every((s) => /^[\w.@-]*$/.test(s)) &&
    (segments.length > 1 || /\.\w+$/.test(m[1]!) || v.startsWith('.') || v.startsWith('~'))
  );
}
