import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fixturePath } from '../testing/fixtures.js';
import { hardeningAnalyzer, type HardeningEvidence, type HardeningFact } from './hardening.js';
import { runAnalyzers, type InMemoryLayer } from '../testing/analyzer-harness.js';

const key = (name: string) => readFileSync(fixturePath('hardening', name));

async function evidenceOf(...layers: InMemoryLayer[]) {
  const result = await runAnalyzers([hardeningAnalyzer], layers);
  return { evidence: result.evidence['hardening'] as HardeningEvidence, warnings: result.warnings };
}

function parse(path: string, content: string | Buffer): HardeningFact | undefined {
  const warnings: string[] = [];
  const content_ = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
  const fact = hardeningAnalyzer.parse({ path, content: content_ }, (m) => warnings.push(m));
  assert.ok(!(fact instanceof Promise));
  return fact;
}

describe('hardening analyzer: which files it reads', () => {
  it('wants the account files and credential files by name, not public keys or look-alikes', () => {
    const wanted = [
      'etc/shadow',
      'etc/passwd',
      'etc/group',
      'root/.ssh/id_rsa',
      'home/app/.ssh/id_ed25519',
      'id_ecdsa',
      'root/.aws/credentials',
      'home/app/.docker/config.json',
      'srv/app/.npmrc',
      'root/.git-credentials',
      'root/.pgpass',
      'root/.netrc',
      'root/.pypirc',
    ];
    const unwanted = [
      'root/.ssh/id_rsa.pub',
      'etc/shadow-',
      'etc/passwd.bak',
      'usr/etc/passwd',
      'srv/credentials',
      'srv/.aws/config',
      'srv/config.json',
      'srv/docker/config.json',
      'usr/share/doc/npmrc',
      'srv/constructor',
      'srv/__proto__',
    ];
    const entry = { size: 10, mode: 0o644 };
    assert.deepEqual(
      wanted.filter((p) => !hardeningAnalyzer.wants(p, entry)),
      [],
    );
    assert.deepEqual(
      unwanted.filter((p) => hardeningAnalyzer.wants(p, entry)),
      [],
    );
  });
});

describe('hardening analyzer: account files', () => {
  it('shadow: only an empty password field counts; *, ! and !! lock the account', () => {
    const shadow = [
      'root::19000:0:99999:7:::',
      'daemon:*:19000:0:99999:7:::',
      'bin:!:19000::::::',
      'app:!!:19000::::::',
      'dev:$6$salt$hash:19000::::::',
      '# a comment',
      'guest::19000::::::',
      '',
    ].join('\n');
    assert.deepEqual(parse('etc/shadow', shadow), {
      kind: 'shadow',
      emptyPassword: ['guest', 'root'],
    });
  });

  it('passwd: names and uids, and an empty password field (no shadow entry needed to log in)', () => {
    const passwd = [
      'root:x:0:0:root:/root:/bin/bash',
      'toor::0:0::/root:/bin/sh',
      '+@netgroup::::::',
      'broken-line',
      'app:x:1000:1000::/home/app:/bin/sh',
    ].join('\n');
    const warnings: string[] = [];
    const fact = hardeningAnalyzer.parse(
      { path: 'etc/passwd', content: Buffer.from(passwd) },
      (m) => warnings.push(m),
    );
    assert.deepEqual(fact, {
      kind: 'passwd',
      accounts: [
        { name: 'root', id: 0 },
        { name: 'toor', id: 0 },
        { name: 'app', id: 1000 },
      ],
      emptyPassword: ['toor'],
    });
    assert.deepEqual(warnings, ['line 4: not a passwd entry (no numeric id in field 3)']);
  });

  it('evidence: empty passwords and shared ids, located at the file and its layer', async () => {
    const { evidence } = await evidenceOf(
      { 'etc/passwd': 'root:x:0:0::/root:/bin/sh\n', 'etc/group': 'root:x:0:\n' },
      {
        'etc/passwd':
          'root:x:0:0::/root:/bin/sh\ntoor:x:0:0::/root:/bin/sh\napp:x:1000:1000::/:/bin/sh\n',
        'etc/shadow': 'root:*:1::::::\ntoor::1::::::\n',
        'etc/group': 'root:x:0:\nwheel:x:0:\nstaff:x:50:\nusers:x:50:\napp:x:1000:\n',
      },
    );
    assert.deepEqual(evidence.emptyPasswords, [{ path: 'etc/shadow', layer: 1, user: 'toor' }]);
    assert.deepEqual(evidence.duplicateIds, [
      { kind: 'uid', path: 'etc/passwd', layer: 1, id: 0, names: ['root', 'toor'] },
      { kind: 'gid', path: 'etc/group', layer: 1, id: 0, names: ['root', 'wheel'] },
      { kind: 'gid', path: 'etc/group', layer: 1, id: 50, names: ['staff', 'users'] },
    ]);
  });
});

describe('hardening analyzer: credential files', () => {
  it('SSH keys: tells OpenSSH and PEM keys apart, and whether a passphrase protects them', () => {
    assert.deepEqual(parse('root/.ssh/id_ed25519', key('openssh-plain')), {
      kind: 'credential',
      credential: 'ssh-private-key',
      reason: 'OpenSSH private key, not passphrase-protected',
    });
    assert.equal(
      (parse('root/.ssh/id_ed25519', key('openssh-encrypted')) as { reason: string }).reason,
      'OpenSSH private key, passphrase-protected',
    );
    assert.equal(
      (parse('root/.ssh/id_rsa', key('pem-rsa-encrypted')) as { reason: string }).reason,
      'PEM RSA private key, passphrase-protected',
    );
    assert.equal(
      (parse('root/.ssh/id_rsa', 'not a key\n') as { reason: string }).reason,
      'non-empty file named like an SSH private key (not a PEM or OpenSSH key)',
    );
    assert.equal(
      parse('root/.ssh/id_rsa', '\n\n'),
      undefined,
      'an empty placeholder is no credential',
    );
  });

  it('.npmrc: a literal token is sensitive, a ${VAR} reference is not; the token is never kept', () => {
    const secret = 'npm_0123456789abcdefghijABCDEFGHIJ012345';
    const fact = parse(
      'srv/app/.npmrc',
      `registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${secret}\n_auth="dXNlcjpwYXNz"\n`,
    );
    assert.deepEqual(fact, {
      kind: 'credential',
      credential: 'npmrc',
      reason: '.npmrc sets _auth (default registry), _authToken for //registry.npmjs.org/',
    });
    assert.ok(
      !JSON.stringify(fact).includes(secret) && !JSON.stringify(fact).includes('dXNlcjpwYXNz'),
    );
    assert.equal(
      parse('srv/app/.npmrc', '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n'),
      undefined,
    );
    assert.equal(parse('srv/app/.npmrc', 'save-exact=true\n# _authToken=abc\n'), undefined);
  });

  it('docker config.json: registries whose auths entry carries auth or an identity token', () => {
    const config = {
      auths: {
        'ghcr.io': { auth: 'dXNlcjp0b2tlbg==' },
        'registry.example.com': { identitytoken: 'eyJhbGciOi' },
        'quay.io': {},
        'docker.io': { auth: '' },
      },
      credsStore: 'desktop',
    };
    const fact = parse('root/.docker/config.json', JSON.stringify(config));
    assert.deepEqual(fact, {
      kind: 'credential',
      credential: 'docker-config',
      reason: 'docker config.json holds credentials for ghcr.io, registry.example.com',
    });
    assert.ok(!JSON.stringify(fact).includes('dXNlcjp0b2tlbg'));
    assert.equal(
      parse('root/.docker/config.json', '{"auths":{},"credsStore":"desktop"}'),
      undefined,
    );
    assert.equal(parse('root/.docker/config.json', '{not json'), undefined);
  });

  it('other credential files count when present and non-empty', () => {
    assert.deepEqual(parse('root/.aws/credentials', '[default]\naws_access_key_id = AKIA...\n'), {
      kind: 'credential',
      credential: 'aws-credentials',
      reason: 'AWS shared credentials file',
    });
    assert.equal(parse('root/.netrc', ''), undefined);
  });

  it('reports every layer copy: one deleted later and one replaced later are still in their layers', async () => {
    const token = '//registry.npmjs.org/:_authToken=abcdef123456\n';
    const { evidence } = await evidenceOf(
      {
        'root/.ssh/id_ed25519': { content: key('openssh-plain'), mode: 0o600 },
        'app/.npmrc': token,
      },
      { 'root/.ssh/id_ed25519': null, 'app/.npmrc': 'registry=https://example.com/\n' },
      { 'home/app/.pgpass': 'db:5432:*:app:secret\n' },
    );
    assert.deepEqual(evidence.credentials, {
      count: 3,
      items: [
        {
          path: 'app/.npmrc',
          layer: 0,
          kind: 'npmrc',
          reason: '.npmrc sets _authToken for //registry.npmjs.org/',
          removedLater: true,
        },
        {
          path: 'home/app/.pgpass',
          layer: 2,
          kind: 'pgpass',
          reason: 'PostgreSQL password file',
          removedLater: false,
        },
        {
          path: 'root/.ssh/id_ed25519',
          layer: 0,
          kind: 'ssh-private-key',
          reason: 'OpenSSH private key, not passphrase-protected',
          removedLater: true,
        },
      ],
    });
  });
});

describe('hardening analyzer: modes', () => {
  it('setuid and setgid regular files with owner names; world-writable files and non-sticky directories', async () => {
    const { evidence } = await evidenceOf({
      'etc/passwd': 'root:x:0:0::/root:/bin/sh\n',
      'etc/group': 'root:x:0:\nshadow:x:42:\n',
      'usr/bin/su': { content: 'ELF', mode: 0o4755 },
      'usr/bin/chage': { content: 'ELF', mode: 0o2755, gid: 42 },
      'usr/bin/both': { content: 'ELF', mode: 0o6755, uid: 7, gid: 42 },
      'usr/bin/su-link': { symlink: 'su' },
      'srv/shared': { dir: true, mode: 0o777 },
      'srv/shared/data.db': { content: 'x', mode: 0o666 },
      tmp: { dir: true, mode: 0o1777 },
      'var/tmp': { dir: true, mode: 0o1777 },
      'usr/sbin/odd-dir-with-setgid': { dir: true, mode: 0o2775 },
    });
    assert.deepEqual(evidence.privilegedFiles, {
      count: 3,
      items: [
        {
          path: 'usr/bin/both',
          layer: 0,
          mode: 0o6755,
          setuid: true,
          setgid: true,
          uid: 7,
          gid: 42,
          group: 'shadow',
        },
        {
          path: 'usr/bin/chage',
          layer: 0,
          mode: 0o2755,
          setuid: false,
          setgid: true,
          uid: 0,
          gid: 42,
          user: 'root',
          group: 'shadow',
        },
        {
          path: 'usr/bin/su',
          layer: 0,
          mode: 0o4755,
          setuid: true,
          setgid: false,
          uid: 0,
          gid: 0,
          user: 'root',
          group: 'root',
        },
      ],
    });
    assert.deepEqual(evidence.worldWritable, {
      count: 2,
      items: [
        { path: 'srv/shared', layer: 0, type: 'dir', mode: 0o777 },
        { path: 'srv/shared/data.db', layer: 0, type: 'file', mode: 0o666 },
      ],
    });
  });

  it('caps a long list at 200 paths and keeps the count', async () => {
    const layer: InMemoryLayer = {};
    for (let i = 0; i < 250; i++)
      layer[`srv/f${String(i).padStart(3, '0')}`] = { content: '', mode: 0o666 };
    const { evidence } = await evidenceOf(layer);
    assert.equal(evidence.worldWritable.count, 250);
    assert.equal(evidence.worldWritable.items.length, 200);
    assert.equal(evidence.worldWritable.items[199]!.path, 'srv/f199');
  });
});

describe('hardening analyzer: programs', () => {
  const busyboxImage: InMemoryLayer = {
    'bin/busybox': { content: 'ELF', mode: 0o755 },
    'bin/sh': { symlink: 'busybox' },
    'bin/ash': { symlink: '/bin/busybox' },
    'usr/bin/wget': { symlink: '/bin/busybox' },
    'usr/bin/nc': { symlink: '../../bin/busybox' },
    'usr/bin/curl': { symlink: '/missing/curl' },
    'usr/bin/gcc': { content: 'not executable', mode: 0o644 },
    'usr/bin/gcc-12': { content: 'ELF', mode: 0o755 },
    'usr/bin/strace': { content: 'ELF', mode: 0o755 },
    'sbin/apk': { content: 'ELF', mode: 0o755 },
    'usr/sbin/sshd': { content: 'ELF', mode: 0o755 },
    'usr/local/bin/python3': { symlink: 'python3.12' },
    'usr/local/bin/python3.12': { content: 'ELF', mode: 0o755 },
    'usr/lib/jvm/java-17-openjdk-amd64/bin/java': { content: 'ELF', mode: 0o755 },
    'usr/lib/jvm/java-17-openjdk-amd64/bin/keytool': { content: 'ELF', mode: 0o755 },
    'opt/tools/sh': { content: 'ELF', mode: 0o755 },
  };

  it('counts tools once per name, through symlinks; a dangling link or a non-executable file is no tool', async () => {
    const { evidence } = await evidenceOf(busyboxImage);
    assert.deepEqual(
      evidence.attackSurface.map((s) => [
        s.category,
        s.count,
        s.names,
        s.paths.items.map((p) => p.path),
      ]),
      [
        ['shell', 3, ['ash', 'busybox', 'sh'], ['bin/ash', 'bin/busybox', 'bin/sh']],
        ['package-manager', 1, ['apk'], ['sbin/apk']],
        ['compiler', 1, ['gcc-12'], ['usr/bin/gcc-12']],
        ['debugger', 1, ['strace'], ['usr/bin/strace']],
        ['network-tool', 2, ['nc', 'wget'], ['usr/bin/nc', 'usr/bin/wget']],
      ],
    );
    assert.deepEqual(evidence.sshServers, [{ path: 'usr/sbin/sshd', layer: 0 }]);
  });

  it('finds language runtimes in any bin directory', async () => {
    const { evidence } = await evidenceOf(busyboxImage);
    assert.deepEqual(evidence.runtimes, [
      {
        runtime: 'java',
        paths: {
          count: 1,
          items: [{ path: 'usr/lib/jvm/java-17-openjdk-amd64/bin/java', layer: 0 }],
        },
      },
      {
        runtime: 'python',
        paths: {
          count: 2,
          items: [
            { path: 'usr/local/bin/python3', layer: 0 },
            { path: 'usr/local/bin/python3.12', layer: 0 },
          ],
        },
      },
    ]);
  });

  it('a symlinked tool takes the layer of the program it leads to', async () => {
    const { evidence } = await evidenceOf(
      { 'bin/busybox': { content: 'ELF', mode: 0o755 }, 'bin/sh': { symlink: 'busybox' } },
      { 'bin/busybox': { content: 'ELF v2', mode: 0o755 } },
    );
    assert.deepEqual(evidence.attackSurface[0]!.paths.items, [
      { path: 'bin/busybox', layer: 1 },
      { path: 'bin/sh', layer: 1 },
    ]);
  });
});

describe('hardening analyzer: package caches', () => {
  it('apt lists (not lock or partial/), apt archives, apk, pip and npm caches with sizes', async () => {
    const { evidence } = await evidenceOf(
      {
        'var/lib/apt/lists/lock': '',
        'var/lib/apt/lists/partial/x': 'partial download',
        'var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease': '12345',
        'var/cache/apt/archives/lock': '',
        'var/cache/apt/archives/partial/y.deb': 'partial',
        'var/cache/debconf/config.dat': 'not a package cache',
      },
      {
        'var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4':
          '1234567890',
        'var/cache/apt/pkgcache.bin': '123',
        'var/cache/apt/archives/curl_7.88_amd64.deb': '1234',
        'var/cache/apk/APKINDEX.abc.tar.gz': '12',
        'root/.cache/pip/http-v2/a/b': '1',
        'home/app/.npm/_cacache/index-v5/00/11': '12',
        'root/.cache/other/z': 'not pip',
      },
    );
    assert.deepEqual(evidence.packageCaches, [
      { kind: 'npm', path: 'home/app/.npm/_cacache', layer: 1, files: 1, bytes: 2 },
      { kind: 'pip', path: 'root/.cache/pip', layer: 1, files: 1, bytes: 1 },
      { kind: 'apk', path: 'var/cache/apk', layer: 1, files: 1, bytes: 2 },
      { kind: 'apt-archives', path: 'var/cache/apt', layer: 1, files: 2, bytes: 7 },
      { kind: 'apt-lists', path: 'var/lib/apt/lists', layer: 1, files: 2, bytes: 15 },
    ]);
  });
});
