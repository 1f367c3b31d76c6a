import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { lstatSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fixturePath } from '../../testing/fixtures.js';
import { testImages } from '../../testing/images.js';
import {
  DEFAULT_MAX_SECRET_FILE_BYTES,
  compileSecretScanner,
  maskSecretValue,
  scanForSecrets,
  shannonEntropy,
  type SecretMatch,
} from './scan-text.js';

const fixture = (name: string) => readFileSync(fixturePath('secrets', name));
const scanText = (text: string, path = 'srv/app/config') =>
  scanForSecrets(Buffer.from(text, 'utf8'), path);
const rules = (matches: SecretMatch[]) => matches.map((m) => `${m.rule}@${m.line}`);
/** Fake characters in a token's shape: mixed case and digits, so not a repeated-character look-alike. */
const fake = (n: number) => 'FAKE0fake1FAKE2fake3FAKE4fake5FAKE6fake7'.repeat(4).slice(0, n);

/** The mask as the scanner must apply it to `value`. */
const expectedMask = (value: string) => {
  const keep = value.length >= 16 ? 4 : value.length >= 8 ? 2 : value.length >= 4 ? 1 : 0;
  const stars = Math.min(value.length - 2 * keep, 32);
  return value.slice(0, keep) + '*'.repeat(stars) + value.slice(value.length - keep);
};

/** The base64 of a PEM block, as the scanner masks it. */
const pemBody = (pem: string) =>
  pem
    .replace(/-----(BEGIN|END) [A-Z ]+-----/g, '')
    .replace(/^[A-Za-z-]+:.*$/gm, '')
    .replace(/\s+/g, '');

/**
 * A fresh Ed25519 key in OpenSSH's own format (PROTOCOL.key), which node:crypto does not write: magic, cipher, KDF,
 * the public key, then the private section. With a cipher, the private section is random bytes standing in for
 * ciphertext: only the header tells an encrypted key, and no passphrase is needed to make one.
 */
function opensshPrivateKey(cipher: 'none' | 'aes256-ctr'): string {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const pub = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url');
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const str = (b: Buffer | string) => {
    const bytes = Buffer.from(b);
    return Buffer.concat([u32(bytes.length), bytes]);
  };
  const publicBlob = Buffer.concat([str('ssh-ed25519'), str(pub)]);
  let secret: Buffer;
  if (cipher === 'none') {
    const check = randomBytes(4);
    const body = Buffer.concat([
      check,
      check,
      str('ssh-ed25519'),
      str(pub),
      str(Buffer.concat([seed, pub])),
      str('test@seawall'),
    ]);
    const padding = Buffer.from([1, 2, 3, 4, 5, 6, 7].slice(0, (8 - (body.length % 8)) % 8));
    secret = Buffer.concat([body, padding]);
  } else secret = randomBytes(160);
  const kdf = cipher === 'none' ? '' : Buffer.concat([str(randomBytes(16)), u32(16)]);
  const blob = Buffer.concat([
    Buffer.from('openssh-key-v1\0', 'latin1'),
    str(cipher),
    str(cipher === 'none' ? 'none' : 'bcrypt'),
    str(kdf),
    u32(1),
    str(publicBlob),
    str(secret),
  ]);
  const lines = blob
    .toString('base64')
    .match(/.{1,70}/g)!
    .join('\n');
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

describe('private keys, generated at test time', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const ed = generateKeyPairSync('ed25519').privateKey;
  const pkcs1 = rsa.export({ type: 'pkcs1', format: 'pem' }) as string;
  const pkcs8 = rsa.export({ type: 'pkcs8', format: 'pem' }) as string;

  it('finds RSA (PKCS#1 and PKCS#8), EC, Ed25519 and DSA-labelled PEM keys, masked', () => {
    const keys = [
      pkcs1,
      pkcs8,
      ec.export({ type: 'sec1', format: 'pem' }) as string,
      ed.export({ type: 'pkcs8', format: 'pem' }) as string,
      pkcs1.replaceAll('RSA PRIVATE KEY', 'DSA PRIVATE KEY'),
    ];
    for (const key of keys) {
      const text = `# deploy key\n\n${key}`;
      assert.deepEqual(scanText(text), [
        { rule: 'SW-SEC-001', line: 3, masked: expectedMask(pemBody(key)) },
      ]);
    }
  });

  it('finds an OpenSSH key (cipher none) and calls one with a cipher encrypted', () => {
    const plain = opensshPrivateKey('none');
    assert.deepEqual(scanText(plain, 'root/.ssh/id_ed25519'), [
      { rule: 'SW-SEC-002', line: 1, masked: expectedMask(pemBody(plain)) },
    ]);
    assert.deepEqual(rules(scanText(opensshPrivateKey('aes256-ctr'))), ['SW-SEC-003@1']);
  });

  it('tells encrypted PEM keys (PKCS#8 and legacy Proc-Type) from plain ones', () => {
    const cipher = { cipher: 'aes-256-cbc', passphrase: 'test passphrase' };
    const encrypted8 = rsa.export({ type: 'pkcs8', format: 'pem', ...cipher }) as string;
    const legacy = rsa.export({ type: 'pkcs1', format: 'pem', ...cipher }) as string;
    assert.match(encrypted8, /BEGIN ENCRYPTED PRIVATE KEY/);
    assert.match(legacy, /Proc-Type: 4,ENCRYPTED/);
    assert.deepEqual(rules(scanText(encrypted8)), ['SW-SEC-003@1']);
    assert.deepEqual(rules(scanText(legacy)), ['SW-SEC-003@1']);
  });

  it('finds a key written into a string with \\n escapes, and with CRLF line ends', () => {
    const escaped = JSON.stringify({ tls: { key: pkcs8 } });
    assert.deepEqual(scanText(escaped), [
      { rule: 'SW-SEC-001', line: 1, masked: expectedMask(pemBody(pkcs8)) },
    ]);
    assert.deepEqual(rules(scanText(`x\r\n${pkcs1.replaceAll('\n', '\r\n')}`)), ['SW-SEC-001@2']);
  });

  it('reports a Google service account key once, as that, not also as a bare PEM key', () => {
    const account = {
      type: 'service_account',
      project_id: 'fake-project',
      private_key_id: 'f'.repeat(40),
      private_key: pkcs8,
      client_email: 'fake@fake-project.iam.gserviceaccount.com',
    };
    const text = JSON.stringify(account, null, 2);
    assert.deepEqual(scanText(text, 'srv/app/key.json'), [
      { rule: 'SW-SEC-011', line: 5, masked: expectedMask(pemBody(pkcs8)) },
    ]);
    // Another JSON credential type is still a private key, but not a service account's.
    const other = JSON.stringify({ ...account, type: 'authorized_user' }, null, 2);
    assert.deepEqual(rules(scanText(other)), ['SW-SEC-001@5']);
  });

  it('finds the key after a certificate, at its own line', () => {
    const cert = readFileSync(fixturePath('secrets', 'pass', 'private-key.txt'), 'utf8');
    assert.deepEqual(rules(scanText(`${cert}${pkcs1}`)), ['SW-SEC-001@17']);
  });

  it('passes certificates, public keys, documentation shapes and a placeholder service account', () => {
    assert.deepEqual(scanForSecrets(fixture('pass/private-key.txt'), 'srv/a.txt'), []);
  });
});

describe('token rules: fail fixtures', () => {
  const cases: Record<string, string[]> = {
    'aws.txt': ['SW-SEC-004@3', 'SW-SEC-005@4', 'SW-SEC-004@6', 'SW-SEC-004@8', 'SW-SEC-005@9'],
    'github.txt': [
      'SW-SEC-006@1',
      'SW-SEC-006@2',
      'SW-SEC-006@3',
      'SW-SEC-006@4',
      'SW-SEC-006@4',
      'SW-SEC-007@5',
    ],
    'gitlab.txt': ['SW-SEC-008@1'],
    'slack.txt': ['SW-SEC-009@1', 'SW-SEC-009@2', 'SW-SEC-010@3'],
    'stripe.txt': ['SW-SEC-012@1', 'SW-SEC-012@2'],
    'npm.txt': ['SW-SEC-013@1'],
    'jwt.txt': ['SW-SEC-014@1'],
    'credential.txt': [
      'SW-SEC-015@1',
      'SW-SEC-015@3',
      'SW-SEC-015@4',
      'SW-SEC-015@5',
      'SW-SEC-015@6',
      'SW-SEC-015@7',
      'SW-SEC-015@8',
    ],
  };
  for (const [name, expected] of Object.entries(cases)) {
    it(`finds every secret in fail/${name}`, () => {
      assert.deepEqual(rules(scanForSecrets(fixture(`fail/${name}`), `srv/${name}`)), expected);
    });
  }

  it('keeps AWS documentation example key id AKIAIOSFODNN7EXAMPLE reported', () => {
    assert.deepEqual(scanText('AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE'), [
      { rule: 'SW-SEC-004', line: 1, masked: 'AKIA************MPLE' },
    ]);
  });

  it('prefers the specific rule where a generic assignment holds a known token', () => {
    const token = `ghp_${fake(36)}`;
    assert.deepEqual(rules(scanText(`GITHUB_TOKEN=${token}\npassword: "${token}"`)), [
      'SW-SEC-006@1',
      'SW-SEC-006@2',
    ]);
    const jwt = fixture('fail/jwt.txt').toString('latin1').split(' ').pop()!.trim();
    assert.deepEqual(rules(scanText(`{"access_token": "${jwt}"}`)), ['SW-SEC-014@1']);
  });

  it('finds tokens in upper- or mixed-case assignments and in the middle of long lines', () => {
    const line = `${'x = 1; '.repeat(20_000)}const NPM_TOKEN = "npm_${fake(36)}";`;
    assert.deepEqual(rules(scanText(`a\n${line}\n`)), ['SW-SEC-013@2']);
    assert.deepEqual(rules(scanText('Db_PassWord = "Xk9mQ2vL7pR4tW8z"')), ['SW-SEC-015@1']);
  });
});

describe('look-alikes: pass fixtures', () => {
  for (const name of readdirSync(fixturePath('secrets', 'pass'))) {
    it(`finds nothing in pass/${name}`, () => {
      assert.deepEqual(scanForSecrets(fixture(`pass/${name}`), `srv/${name}`), []);
    });
  }
});

describe('masking', () => {
  it('keeps 4 characters at each end, fewer for short values, and caps the stars', () => {
    assert.equal(maskSecretValue('AKIAIOSFODNN7EXAMPLE'), 'AKIA************MPLE');
    assert.equal(maskSecretValue('hunter22'), 'hu****22');
    assert.equal(maskSecretValue('abcdef'), 'a****f');
    assert.equal(maskSecretValue('abc'), '***');
    assert.equal(maskSecretValue(''), '');
    assert.equal(maskSecretValue('A'.repeat(10) + 'b'.repeat(1000)), `AAAA${'*'.repeat(32)}bbbb`);
  });

  it('never shows the middle of a value it reports', () => {
    for (const name of readdirSync(fixturePath('secrets', 'fail'))) {
      const text = fixture(`fail/${name}`).toString('latin1');
      const lines = text.split('\n');
      for (const m of scanForSecrets(Buffer.from(text, 'latin1'), `srv/${name}`)) {
        const shown = /^([^*]{0,4})(\*+)([^*]{0,4})$/.exec(m.masked);
        assert.ok(shown, `${name}: ${m.masked} is head, stars, tail`);
        const [, head, stars, tail] = shown;
        // The value in the line is head + at least as many hidden characters as stars + tail.
        const hidden = new RegExp(`${escape(head!)}[^\\s]{${stars!.length},}${escape(tail!)}`).test(
          lines[m.line - 1]!,
        );
        assert.ok(hidden, `${name}:${m.line}: ${m.masked} hides a real middle`);
        assert.ok(stars!.length >= 8, `${name}: ${m.masked} hides at least 8 characters`);
      }
    }
  });
});

const escape = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

describe('what is not scanned', () => {
  const token = `GITHUB_TOKEN=ghp_${fake(36)}\n`;

  it('turns away binaries by a NUL byte in the first 8 KiB, and only there', () => {
    const elf = Buffer.concat([
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]),
      Buffer.from(token),
    ]);
    assert.deepEqual(scanForSecrets(elf, 'usr/bin/tool'), []);
    const lateNul = Buffer.concat([
      Buffer.from(token),
      Buffer.alloc(9000, 0x20),
      Buffer.from([0]),
      Buffer.from(token),
    ]);
    assert.deepEqual(rules(scanForSecrets(lateNul, 'srv/log')), ['SW-SEC-006@1', 'SW-SEC-006@2']);
  });

  it('skips files over the size limit (10 MiB unless told)', () => {
    const padded = (size: number) => {
      const buffer = Buffer.alloc(size, 0x20);
      buffer.write(token);
      return buffer;
    };
    assert.equal(scanForSecrets(padded(DEFAULT_MAX_SECRET_FILE_BYTES), 'srv/a').length, 1);
    assert.deepEqual(scanForSecrets(padded(DEFAULT_MAX_SECRET_FILE_BYTES + 1), 'srv/a'), []);
    assert.deepEqual(scanForSecrets(padded(100), 'srv/a', { maxFileBytes: 99 }), []);
    assert.equal(scanForSecrets(padded(100), 'srv/a', { maxFileBytes: 100 }).length, 1);
  });

  it('honours allow-listed path globs and rule ids', () => {
    const content = Buffer.from(`${token}DB_PASSWORD=Xk9mQ2vL7pR4tW8z\n`);
    const options = { allowList: { paths: ['srv/app/**', '**/*.example'] } };
    assert.deepEqual(scanForSecrets(content, 'srv/app/.env', options), []);
    assert.deepEqual(scanForSecrets(content, 'etc/app/.env.example', options), []);
    assert.deepEqual(rules(scanForSecrets(content, 'srv/other/.env', options)), [
      'SW-SEC-006@1',
      'SW-SEC-015@2',
    ]);
    assert.deepEqual(
      rules(scanForSecrets(content, 'srv/.env', { allowList: { rules: ['SW-SEC-006'] } })),
      ['SW-SEC-015@2'],
    );
  });

  it('allows public paths by default, but not an application test directory', () => {
    const content = Buffer.from(token);
    for (const path of [
      'usr/share/doc/git/examples/credentials.txt',
      'usr/include/openssl/pem.h',
      'usr/lib/python3.11/test/keycert.pem',
      'usr/lib/python3.11/urllib/request.py',
      'usr/lib/ruby/3.1.0/uri/generic.rb',
      'srv/app/node_modules/jsonwebtoken/test/priv.pem',
      'usr/lib/python3/dist-packages/requests/tests/fixtures.py',
      'usr/local/go/src/crypto/tls/testdata/example-key.pem',
    ])
      assert.deepEqual(scanForSecrets(content, path), [], path);
    for (const path of ['srv/app/test/fixtures/.env', 'root/.env', 'usr/share/app/.env'])
      assert.equal(scanForSecrets(content, path).length, 1, path);
    const noDefaults = { defaultAllowList: false };
    assert.equal(scanForSecrets(content, 'usr/share/doc/x/README', noDefaults).length, 1);
  });

  it('says what it was compiled with, for cache keys', () => {
    const a = compileSecretScanner({ allowList: { paths: ['b/**', 'a/**'] } });
    const b = compileSecretScanner({ allowList: { paths: ['a/**', 'b/**'] } });
    assert.equal(a.settings, b.settings);
    assert.notEqual(a.settings, compileSecretScanner().settings);
    assert.equal(a.skipsPath('./a/x'), true);
    assert.equal(a.skipsPath('c/a'), false);
  });
});

describe('entropy', () => {
  it('is bits per character of the character distribution', () => {
    assert.equal(shannonEntropy(''), 0);
    assert.equal(shannonEntropy('aaaa'), 0);
    assert.equal(shannonEntropy('abcd'), 2);
    assert.equal(shannonEntropy('aabb'), 1);
  });
});

describe('hostile input', () => {
  it('stays linear on text made of keywords', () => {
    const parts = [
      '-----BEGIN PRIVATE KEY-----',
      '"private_key": "-----BEGIN PRIVATE KEY-----',
      'eyJ',
      'password=',
      'aws_secret_key=',
      'ghp_',
      'xoxb-1-',
    ];
    const text = Buffer.from(parts.join('').repeat(20_000) + 'A'.repeat(30_000));
    const started = performance.now();
    const found = scanForSecrets(text, 'srv/x', { maxFileBytes: text.length });
    // Seconds would mean backtracking out of control; it takes well under one.
    assert.ok(performance.now() - started < 5000);
    // `password=ghp_xoxb-1------BEGIN` is a credential-looking assignment; nothing else is.
    assert.deepEqual([...new Set(found.map((m) => m.rule))], ['SW-SEC-015']);
  });
});

describe('the Debian minbase root filesystem', () => {
  it('holds no secret, even without the default allow-list', (t) => {
    const root = testImages().rootfs;
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        const stat = lstatSync(path);
        if (stat.isDirectory()) walk(path);
        else if (stat.isFile()) files.push(path);
      }
    };
    walk(root);
    let bytes = 0;
    const found: string[] = [];
    const options = { defaultAllowList: false };
    const started = performance.now();
    for (const path of files) {
      const content = readFileSync(path);
      bytes += content.length;
      for (const m of scanForSecrets(content, relative(root, path), options))
        found.push(`${relative(root, path)}:${m.line} ${m.rule}`);
    }
    const seconds = (performance.now() - started) / 1000;
    t.diagnostic(
      `${files.length} files, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s`,
    );
    assert.ok(files.length > 1000);
    assert.deepEqual(found, []);
  });
});
