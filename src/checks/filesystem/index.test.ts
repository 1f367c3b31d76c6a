import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { hardeningAnalyzer, type HardeningEvidence } from '../../analyze/hardening.js';
import { runAnalyzers, type InMemoryLayer } from '../../testing/analyzer-harness.js';
import type { Finding } from '../../model/finding.js';
import type { ImageConfigSummary, Inventory } from '../../model/inventory.js';
import type { Package } from '../../model/package.js';
import { fixturePath } from '../../testing/fixtures.js';
import { filesystemFindings } from './index.js';

interface Scenario {
  layers: InMemoryLayer[];
  config?: ImageConfigSummary;
  packages?: Package[];
}

async function findings({ layers, config, packages = [] }: Scenario): Promise<Finding[]> {
  const result = await runAnalyzers([hardeningAnalyzer], layers);
  const inventory: Inventory = {
    target: {
      input: 'test',
      kind: 'image',
      name: 'test',
      layers: result.layers,
      ...(config ? { config } : {}),
    },
    packages,
    warnings: [],
  };
  return filesystemFindings(inventory, result.evidence['hardening'] as HardeningEvidence);
}

/** The findings of one rule, as id, title, location and evidence. */
async function ofRule(id: string, scenario: Scenario) {
  return (await findings(scenario))
    .filter((f) => f.id === id)
    .map((f) => ({ title: f.title, location: f.location, evidence: f.evidence }));
}

const elf = (mode = 0o755) => ({ content: 'ELF', mode });

function debPackage(name: string, files: string[], layer = 0): Package {
  return {
    type: 'deb',
    name,
    version: '1:9.2p1-2',
    arch: 'amd64',
    licenses: [],
    purl: `pkg:deb/debian/${name}@1:9.2p1-2?arch=amd64`,
    files,
    dependsOn: [],
    layer,
    foundBy: 'dpkg',
    location: 'var/lib/dpkg/status',
  };
}

describe('SW-IMG-020 setuid and setgid files', () => {
  it('passes without them', async () => {
    assert.deepEqual(await ofRule('SW-IMG-020', { layers: [{ 'usr/bin/ls': elf() }] }), []);
  });

  it('reports each one with its mode and owner, in the layer that wrote it', async () => {
    const found = await findings({
      layers: [
        { 'etc/passwd': 'root:x:0:0::/root:/bin/sh\n', 'etc/group': 'root:x:0:\nshadow:x:42:\n' },
        { 'usr/bin/su': elf(0o4755), 'usr/bin/expiry': { content: 'ELF', mode: 0o2755, gid: 42 } },
      ],
    });
    const setuid = found.filter((f) => f.id === 'SW-IMG-020');
    assert.deepEqual(
      setuid.map((f) => [f.title, f.location, f.evidence]),
      [
        [
          'setgid shadow file: usr/bin/expiry',
          { path: 'usr/bin/expiry', layer: 1 },
          'mode 2755, owner root (0), group shadow (42)',
        ],
        [
          'setuid root file: usr/bin/su',
          { path: 'usr/bin/su', layer: 1 },
          'mode 4755, owner root (0), group root (0)',
        ],
      ],
    );
    assert.deepEqual(setuid[0]!.frameworks, { 'cis-docker': ['4.8'], dockle: ['CIS-DI-0008'] });
    assert.equal(setuid[0]!.severity, 'low');
  });
});

describe('SW-IMG-021 world-writable paths', () => {
  it('passes for /tmp-like directories with the sticky bit, and ignores symlinks', async () => {
    const layers = [{ tmp: { dir: true as const, mode: 0o1777 }, 'srv/link': { symlink: '/tmp' } }];
    assert.deepEqual(await ofRule('SW-IMG-021', { layers }), []);
  });

  it('reports a 0777 directory and a 0666 file', async () => {
    const layers = [
      {
        'srv/uploads': { dir: true as const, mode: 0o777 },
        'srv/app.conf': { content: 'x', mode: 0o666 },
      },
    ];
    assert.deepEqual(await ofRule('SW-IMG-021', { layers }), [
      {
        title: 'World-writable file: srv/app.conf',
        location: { path: 'srv/app.conf', layer: 0 },
        evidence: 'mode 0666',
      },
      {
        title: 'World-writable directory without the sticky bit: srv/uploads',
        location: { path: 'srv/uploads', layer: 0 },
        evidence: 'mode 0777',
      },
    ]);
  });

  it('says how many more there are when the list was capped', async () => {
    const layer: InMemoryLayer = {};
    for (let i = 0; i < 203; i++)
      layer[`srv/f${String(i).padStart(3, '0')}`] = { content: '', mode: 0o666 };
    const found = await ofRule('SW-IMG-021', { layers: [layer] });
    assert.equal(found.length, 201);
    assert.deepEqual(
      found.find((f) => f.location.path === undefined),
      {
        title: 'World-writable path: 3 more world-writable paths not listed',
        location: {},
        evidence: '203 world-writable paths in all; the scan keeps the first 200 by path',
      },
    );
  });
});

describe('SW-IMG-022 SSH server', () => {
  it('passes without sshd, dropbear or their packages (an ssh client is no server)', async () => {
    assert.deepEqual(await ofRule('SW-IMG-022', { layers: [{ 'usr/bin/ssh': elf() }] }), []);
  });

  it('reports sshd with the package that installed it', async () => {
    const packages = [debPackage('openssh-server', ['usr/sbin/sshd'], 1)];
    const layers: InMemoryLayer[] = [{}, { 'usr/sbin/sshd': elf() }];
    assert.deepEqual(await ofRule('SW-IMG-022', { layers, packages }), [
      {
        title: 'SSH server installed: usr/sbin/sshd',
        location: { path: 'usr/sbin/sshd', layer: 1 },
        evidence: 'installed by openssh-server 1:9.2p1-2',
      },
    ]);
  });

  it('reports a dropbear binary no package lists, and an SSH server package without a binary', async () => {
    const packages = [debPackage('dropbear-bin', [])];
    const layers = [{ 'usr/local/sbin/dropbear': elf() }];
    assert.deepEqual(await ofRule('SW-IMG-022', { layers, packages }), [
      {
        title: 'SSH server installed: usr/local/sbin/dropbear',
        location: { path: 'usr/local/sbin/dropbear', layer: 0 },
        evidence: 'usr/local/sbin/dropbear: an executable no OS package lists',
      },
      {
        title: 'SSH server package installed: dropbear-bin',
        location: { path: 'var/lib/dpkg/status', layer: 0 },
        evidence:
          'dropbear-bin 1:9.2p1-2 (deb); no sshd or dropbear program found in the bin directories',
      },
    ]);
  });
});

describe('SW-IMG-023 to SW-IMG-027 attack surface', () => {
  it('passes for an image with no tools at all (distroless-like)', async () => {
    const found = await findings({
      layers: [{ 'app/server': elf(), 'etc/passwd': 'nonroot:x:65532:65532::/:/sbin/nologin\n' }],
    });
    assert.deepEqual(found, []);
  });

  it('reports one finding per category present, busybox applets once per name', async () => {
    const layers: InMemoryLayer[] = [
      {
        'bin/busybox': elf(),
        'bin/sh': { symlink: 'busybox' },
        'usr/bin/wget': { symlink: '/bin/busybox' },
        'usr/bin/nc': { symlink: '/bin/busybox' },
        'sbin/apk': elf(),
        'usr/bin/gdb': elf(),
        'usr/bin/cc': { symlink: 'gcc-12' },
        'usr/bin/gcc-12': elf(),
      },
    ];
    const found = (await findings({ layers })).filter((f) => /^SW-IMG-02[3-7]$/.test(f.id));
    assert.deepEqual(
      found.map((f) => [f.id, f.severity, f.title, f.location, f.evidence]),
      [
        [
          'SW-IMG-025',
          'low',
          'Compilers present (2): cc, gcc-12',
          { path: 'usr/bin/cc', layer: 0 },
          '2 names at usr/bin/cc, usr/bin/gcc-12',
        ],
        [
          'SW-IMG-026',
          'low',
          'Debuggers and tracers present (1): gdb',
          { path: 'usr/bin/gdb', layer: 0 },
          '1 name at usr/bin/gdb',
        ],
        [
          'SW-IMG-023',
          'negligible',
          'Shells present (2): busybox, sh',
          { path: 'bin/busybox', layer: 0 },
          '2 names at bin/busybox, bin/sh',
        ],
        [
          'SW-IMG-024',
          'negligible',
          'Package managers present (1): apk',
          { path: 'sbin/apk', layer: 0 },
          '1 name at sbin/apk',
        ],
        [
          'SW-IMG-027',
          'negligible',
          'Network tools present (2): nc, wget',
          { path: 'usr/bin/nc', layer: 0 },
          '2 names at usr/bin/nc, usr/bin/wget',
        ],
      ],
    );
  });
});

describe('SW-IMG-028 language runtimes the entrypoint does not run', () => {
  const jre: InMemoryLayer = {
    'opt/java/openjdk/bin/java': elf(),
    'app/server': elf(),
  };

  it('passes when the entrypoint runs the runtime', async () => {
    const config = { entrypoint: ['/opt/java/openjdk/bin/java', '-jar', '/app/app.jar'] };
    assert.deepEqual(await ofRule('SW-IMG-028', { layers: [jre], config }), []);
    const shellForm = { entrypoint: ['/bin/sh', '-c', 'exec java $JAVA_OPTS -jar /app/app.jar'] };
    assert.deepEqual(await ofRule('SW-IMG-028', { layers: [jre], config: shellForm }), []);
  });

  it('reports a JRE in an image whose entrypoint is a native program', async () => {
    const config = { entrypoint: ['/app/server'], cmd: ['--port', '8080'] };
    assert.deepEqual(await ofRule('SW-IMG-028', { layers: [jre], config }), [
      {
        title: 'java runtime present, but the entrypoint does not run it',
        location: { path: 'opt/java/openjdk/bin/java', layer: 0 },
        evidence: 'command line: /app/server --port 8080; java at opt/java/openjdk/bin/java',
      },
    ]);
  });

  it('says nothing when the entrypoint is a script it cannot see into, or when there is no command line', async () => {
    const script = { entrypoint: ['docker-entrypoint.sh'], cmd: ['postgres'] };
    assert.deepEqual(await ofRule('SW-IMG-028', { layers: [jre], config: script }), []);
    assert.deepEqual(await ofRule('SW-IMG-028', { layers: [jre] }), []);
  });

  it("leaves out Debian's Essential perl-base, which no image can remove", async () => {
    const layers: InMemoryLayer[] = [{ 'usr/bin/perl': elf(), 'usr/bin/python3': elf() }];
    const packages = [debPackage('perl-base', ['usr/bin/perl'])];
    const found = await ofRule('SW-IMG-028', { layers, config: { cmd: ['/bin/bash'] }, packages });
    assert.deepEqual(
      found.map((f) => f.title),
      ['python runtime present, but the entrypoint does not run it'],
    );
  });
});

describe('SW-IMG-029 credential files', () => {
  it('passes for an .npmrc that only references an environment variable', async () => {
    const layers = [{ 'app/.npmrc': '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n' }];
    assert.deepEqual(await ofRule('SW-IMG-029', { layers }), []);
  });

  it('reports a key deleted by a later layer at the layer that still holds it', async () => {
    const layers: InMemoryLayer[] = [
      {
        'root/.ssh/id_ed25519': {
          content: readFileSync(fixturePath('hardening', 'openssh-plain')),
          mode: 0o600,
        },
      },
      { 'root/.ssh/id_ed25519': null },
    ];
    const found = (await findings({ layers })).filter((f) => f.id === 'SW-IMG-029');
    assert.deepEqual(
      found.map((f) => [f.severity, f.title, f.location, f.evidence, f.frameworks]),
      [
        [
          'high',
          'Credential file in layer 0, deleted or replaced later but still in that layer: root/.ssh/id_ed25519',
          { path: 'root/.ssh/id_ed25519', layer: 0 },
          'OpenSSH private key, not passphrase-protected',
          { dockle: ['CIS-DI-0010'] },
        ],
      ],
    );
  });
});

describe('SW-IMG-030 empty passwords', () => {
  it('passes when every account is locked or has a password', async () => {
    const layers = [{ 'etc/shadow': 'root:*:19000:0:99999:7:::\napp:!:19000::::::\n' }];
    assert.deepEqual(await ofRule('SW-IMG-030', { layers }), []);
  });

  it("reports Alpine's CVE-2019-5021 root::", async () => {
    const layers = [{ 'etc/shadow': 'root:::0:::::\nbin:!::0:::::\n' }];
    assert.deepEqual(await ofRule('SW-IMG-030', { layers }), [
      {
        title: "Account 'root' has an empty password in etc/shadow",
        location: { path: 'etc/shadow', layer: 0 },
        evidence: 'root: empty password field (anyone may log in as root without a password)',
      },
    ]);
  });
});

describe('SW-IMG-031 and SW-IMG-032 shared ids', () => {
  it('passes with unique ids', async () => {
    const layers = [
      {
        'etc/passwd': 'root:x:0:0::/:/bin/sh\napp:x:1000:1000::/:/bin/sh\n',
        'etc/group': 'root:x:0:\n',
      },
    ];
    const found = await findings({ layers });
    assert.deepEqual(
      found.filter((f) => f.id === 'SW-IMG-031' || f.id === 'SW-IMG-032'),
      [],
    );
  });

  it('reports a second uid 0 and a shared gid', async () => {
    const layers = [
      {
        'etc/passwd': 'root:x:0:0::/:/bin/sh\nadmin:x:0:0::/:/bin/sh\n',
        'etc/group': 'root:x:0:\nstaff:x:50:\ndev:x:50:\n',
      },
    ];
    const found = (await findings({ layers })).filter(
      (f) => f.id === 'SW-IMG-031' || f.id === 'SW-IMG-032',
    );
    assert.deepEqual(
      found.map((f) => [f.id, f.title, f.location, f.evidence]),
      [
        [
          'SW-IMG-031',
          'UID 0 shared by admin, root',
          { path: 'etc/passwd', layer: 0 },
          'etc/passwd: admin:0, root:0',
        ],
        [
          'SW-IMG-032',
          'GID 50 shared by dev, staff',
          { path: 'etc/group', layer: 0 },
          'etc/group: dev:50, staff:50',
        ],
      ],
    );
  });
});

describe('SW-IMG-033 to SW-IMG-036 package-manager caches', () => {
  it('passes after `rm -rf /var/lib/apt/lists/*` (apt keeps only its lock and partial/)', async () => {
    const layers = [{ 'var/lib/apt/lists/lock': '', 'var/cache/apt/archives/lock': '' }];
    const found = (await findings({ layers })).filter((f) => /^SW-IMG-03[3-6]$/.test(f.id));
    assert.deepEqual(found, []);
  });

  it('reports each cache left behind with its size, at the newest layer that wrote it', async () => {
    const layers: InMemoryLayer[] = [
      { 'var/lib/apt/lists/x_InRelease': 'a'.repeat(2000) },
      { 'var/lib/apt/lists/x_Packages': 'b'.repeat(3000), 'root/.cache/pip/http/1': 'c' },
    ];
    const found = (await findings({ layers })).filter((f) => /^SW-IMG-03[3-6]$/.test(f.id));
    assert.deepEqual(
      found.map((f) => [f.id, f.title, f.location, f.evidence]),
      [
        [
          'SW-IMG-033',
          'apt package lists left in var/lib/apt/lists',
          { path: 'var/lib/apt/lists', layer: 1 },
          '2 files, 4.9 KiB (5000 bytes)',
        ],
        [
          'SW-IMG-035',
          'pip cache left in root/.cache/pip',
          { path: 'root/.cache/pip', layer: 1 },
          '1 file, 1 byte',
        ],
      ],
    );
  });
});
