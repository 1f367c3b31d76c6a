// Golden profiles: every kind for every summary fixture, byte for byte. Regenerate after an intended change with:
//   npx tsc -p . && UPDATE_GOLDENS=1 node --test dist/runtime/profile/goldens.test.js
// and review the diff of test/fixtures/profile/golden/ before committing it.

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, it } from 'node:test';
import { fixturePath } from '../../testing/fixtures.js';
import { generateProfile, PROFILE_KINDS, type ProfileKind } from './generate.js';
import { loadSummary, type SummaryFixture } from './testing-summaries.js';

const EXTENSIONS: Record<ProfileKind, string> = {
  seccomp: 'seccomp.json',
  capabilities: 'capabilities.json',
  apparmor: 'apparmor',
  selinux: 'cil',
  netpol: 'netpol.yaml',
};
const FIXTURES: SummaryFixture[] = ['nginx', 'python-service', 'edge'];

describe('golden profiles', () => {
  for (const fixture of FIXTURES) {
    for (const kind of PROFILE_KINDS) {
      it(`${fixture} as ${kind}`, () => {
        const file = fixturePath('profile', 'golden', `${fixture}.${EXTENSIONS[kind]}`);
        const text = generateProfile(kind, loadSummary(fixture));
        assert.ok(text.endsWith('\n'), 'newline-terminated');
        assert.equal(generateProfile(kind, loadSummary(fixture)), text, 'deterministic');
        if (process.env.UPDATE_GOLDENS) {
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, text);
        }
        assert.equal(text, readFileSync(file, 'utf8'), `${file} differs; see the top of this test`);
      });
    }
  }
});
