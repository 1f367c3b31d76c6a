import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dpkgAnalyzer } from '../../analyze/dpkg.js';
import { hardeningAnalyzer, type HardeningEvidence } from '../../analyze/hardening.js';
import { osAnalyzer } from '../../analyze/os-release.js';
import type { Inventory } from '../../model/inventory.js';
import { runAnalyzers } from '../../testing/analyzer-harness.js';
import { testImages } from '../../testing/images.js';
import { filesystemFindings } from './index.js';

// debootstrap --variant=minbase bookworm (+ less), scanned as a root filesystem; the OCI image built from it has
// CMD ["/bin/bash"] (scripts/build-test-images.sh).
describe('filesystem checks on the real Debian 12 minbase image', async () => {
  const result = await runAnalyzers(
    [osAnalyzer, dpkgAnalyzer, hardeningAnalyzer],
    [testImages().rootfs],
  );
  const evidence = result.evidence['hardening'] as HardeningEvidence;
  const inventory: Inventory = {
    target: {
      input: 'test',
      kind: 'image',
      name: 'seawall/test:base',
      layers: result.layers,
      config: { cmd: ['/bin/bash'] },
    },
    os: result.os!,
    packages: result.packages,
    warnings: [],
  };
  const findings = filesystemFindings(inventory, evidence);

  it('reads without warnings', () => {
    assert.deepEqual(result.warnings, []);
  });

  it('lists the setuid-root programs of login, passwd and util-linux, and the setgid-shadow helpers', () => {
    const files = evidence.privilegedFiles.items.map((f) => [
      f.path,
      f.mode.toString(8),
      `${f.user}:${f.group}`,
    ]);
    assert.deepEqual(files, [
      ['usr/bin/chage', '2755', 'root:shadow'],
      ['usr/bin/chfn', '4755', 'root:root'],
      ['usr/bin/chsh', '4755', 'root:root'],
      ['usr/bin/expiry', '2755', 'root:shadow'],
      ['usr/bin/gpasswd', '4755', 'root:root'],
      ['usr/bin/mount', '4755', 'root:root'],
      ['usr/bin/newgrp', '4755', 'root:root'],
      ['usr/bin/passwd', '4755', 'root:root'],
      ['usr/bin/su', '4755', 'root:root'],
      ['usr/bin/umount', '4755', 'root:root'],
      ['usr/sbin/unix_chkpwd', '2755', 'root:shadow'],
    ]);
    assert.equal(evidence.privilegedFiles.count, 11);
  });

  it('has no world-writable path but the sticky /tmp, /var/tmp and /run/lock; no SSH server; no credentials', () => {
    assert.deepEqual(evidence.worldWritable, { count: 0, items: [] });
    assert.deepEqual(evidence.sshServers, []);
    assert.deepEqual(evidence.credentials, { count: 0, items: [] });
  });

  it('locks every account (all "*") and gives every user and group its own id', () => {
    assert.deepEqual(evidence.emptyPasswords, []);
    assert.deepEqual(evidence.duplicateIds, []);
  });

  it('has four shells and apt/dpkg, through the merged-/usr symlinks; no compiler, debugger or network tool', () => {
    assert.deepEqual(
      evidence.attackSurface.map((s) => [s.category, s.names]),
      [
        ['shell', ['bash', 'dash', 'rbash', 'sh']],
        ['package-manager', ['apt', 'apt-get', 'dpkg']],
      ],
    );
  });

  it("has perl-base's perl as its one language runtime", () => {
    assert.deepEqual(
      evidence.runtimes.map((r) => [r.runtime, r.paths.items.map((p) => p.path)]),
      [['perl', ['usr/bin/perl', 'usr/bin/perl5.36.0']]],
    );
  });

  it("keeps debootstrap's Release files in the apt lists (the Packages indexes were removed)", () => {
    assert.deepEqual(evidence.packageCaches, [
      { kind: 'apt-lists', path: 'var/lib/apt/lists', layer: 0, files: 3, bytes: 302100 },
    ]);
  });

  it('gives exactly these findings: 11 setuid/setgid, shells, package managers, apt lists', () => {
    const counts: Record<string, number> = {};
    for (const f of findings) counts[f.id] = (counts[f.id] ?? 0) + 1;
    assert.deepEqual(counts, {
      'SW-IMG-020': 11,
      'SW-IMG-023': 1,
      'SW-IMG-024': 1,
      'SW-IMG-033': 1,
    });
    assert.deepEqual(
      findings.filter((f) => f.id !== 'SW-IMG-020').map((f) => [f.severity, f.title, f.location]),
      [
        [
          'low',
          'apt package lists left in var/lib/apt/lists',
          { path: 'var/lib/apt/lists', layer: 0 },
        ],
        [
          'negligible',
          'Shells present (4): bash, dash, rbash, sh',
          { path: 'usr/bin/bash', layer: 0 },
        ],
        [
          'negligible',
          'Package managers present (3): apt, apt-get, dpkg',
          { path: 'usr/bin/apt', layer: 0 },
        ],
      ],
    );
  });

  it('the evidence survives a JSON round trip (the result cache) and gives the same findings', () => {
    const reloaded = JSON.parse(JSON.stringify(evidence)) as HardeningEvidence;
    assert.deepEqual(filesystemFindings(inventory, reloaded), findings);
  });
});
