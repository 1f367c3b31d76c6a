// The AppArmor and SELinux profiles cannot be enforced on the test machines' kernel, so their syntax is proven by the
// real compilers: apparmor_parser compiles each profile without loading it, secilc compiles each CIL block together
// with a minimal base policy and `container` template (test/fixtures/profile/selinux/).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fixturePath } from '../../testing/fixtures.js';
import { generateAppArmorProfile } from './apparmor.js';
import { generateSelinuxPolicy, selinuxTypeNames } from './selinux.js';
import { emptySummary, loadSummary, type SummaryFixture } from './testing-summaries.js';

const FIXTURES: SummaryFixture[] = ['nginx', 'python-service', 'edge', 'bin-true'];
const SELINUX = fixturePath('profile', 'selinux');

function available(tool: string): boolean {
  return spawnSync(tool, ['--version'], { stdio: 'ignore' }).error === undefined;
}

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'seawall-profile-syntax-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const summaries = () => [
  ...FIXTURES.map((name) => ({ name, summary: loadSummary(name) })),
  { name: 'empty', summary: emptySummary() },
];

describe('apparmor_parser accepts every generated profile', () => {
  const skip = available('apparmor_parser')
    ? false
    : 'apparmor_parser is missing (Debian package apparmor)';
  for (const { name, summary } of summaries()) {
    it(name, { skip }, () => {
      const file = join(dir, `${name}.apparmor`);
      writeFileSync(file, generateAppArmorProfile(summary));
      // -Q: compile but do not load; -K: no cache; --abort-on-error: one bad rule fails the run.
      const result = spawnSync('apparmor_parser', ['-Q', '-K', '--abort-on-error', file], {
        encoding: 'utf8',
      });
      assert.equal(result.status, 0, result.stderr);
      assert.doesNotMatch(result.stderr, /warning|error/i, result.stderr);
    });
  }

  it('and rejects a broken one, so the check can fail', { skip }, () => {
    const file = join(dir, 'broken.apparmor');
    writeFileSync(file, generateAppArmorProfile(loadSummary('nginx')).replace('ix,', 'ixq,'));
    const result = spawnSync('apparmor_parser', ['-Q', '-K', file], { encoding: 'utf8' });
    assert.notEqual(result.status, 0);
  });
});

describe('secilc compiles every generated CIL policy with the base policy fixture', () => {
  const skip = available('secilc') ? false : 'secilc is missing (Debian package secilc)';
  const compile = (cil: string) => {
    const file = join(dir, 'generated.cil');
    writeFileSync(file, cil);
    return spawnSync(
      'secilc',
      [
        '-o',
        join(dir, 'policy.bin'),
        '-f',
        join(dir, 'file_contexts'),
        join(SELINUX, 'base.cil'),
        join(SELINUX, 'container.cil'),
        file,
      ],
      { encoding: 'utf8' },
    );
  };
  for (const { name, summary } of summaries()) {
    it(name, { skip }, () => {
      const result = compile(generateSelinuxPolicy(summary));
      assert.equal(result.status, 0, result.stderr);
    });
  }

  it('and rejects a rule naming an undeclared type, so the check can fail', { skip }, () => {
    const cil = generateSelinuxPolicy(loadSummary('nginx')).replace('http_port_t', 'nosuch_port_t');
    assert.notEqual(compile(cil).status, 0);
  });

  it('the base policy declares every type the generator can name', () => {
    const base = readFileSync(join(SELINUX, 'base.cil'), 'utf8');
    const declared = new Set([...base.matchAll(/^\(type (\w+)\)/gm)].map((m) => m[1]));
    const missing = selinuxTypeNames().filter((type) => !declared.has(type));
    assert.deepEqual(missing, []);
  });
});
