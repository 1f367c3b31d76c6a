// The rule ids are a contract (ignore files, SARIF alerts and users' notes refer to them): unique, well formed, and
// never removed or given to another kind of check. New rules are added to test/fixtures/checks/rule-ids.txt
// (`id kind`, one per line) in the same change; nothing is ever deleted from it.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fixturePath } from '../testing/fixtures.js';
import { RULES } from './catalog.js';

const PREFIX: Record<string, RegExp> = {
  image: /^SW-IMG-\d{3}$/,
  secret: /^SW-SEC-\d{3}$/,
  dockerfile: /^SW-DF-\d{3}$/,
  config: /^SW-CFG-\d{3}$/,
};

describe('the rule catalog', () => {
  it('has unique ids of the right shape for their kind, each rule complete', () => {
    const ids = RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const rule of RULES) {
      assert.match(rule.id, PREFIX[rule.kind]!, rule.id);
      assert.ok(rule.title.length > 0 && rule.remediation.length > 0, rule.id);
      for (const list of Object.values(rule.frameworks)) {
        assert.ok(Array.isArray(list) && list.length > 0, `${rule.id}: empty framework list`);
        assert.deepEqual(list, [...list].sort(), `${rule.id}: framework ids sorted`);
      }
    }
  });

  it('is described, rule by rule, in docs/rule-coverage.md', () => {
    const doc = readFileSync(fixturePath('..', '..', 'docs', 'rule-coverage.md'), 'utf8');
    for (const rule of RULES)
      assert.ok(doc.includes(rule.id), `${rule.id} is missing from docs/rule-coverage.md`);
  });

  it('keeps every id ever published, with its kind, and lists every new one', () => {
    const published = readFileSync(fixturePath('checks', 'rule-ids.txt'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'))
      .map((line) => line.split(/\s+/) as [string, string]);
    const current = new Map(RULES.map((r) => [r.id, r.kind]));
    for (const [id, kind] of published)
      assert.equal(current.get(id), kind, `${id} was published as a ${kind} rule`);
    const listed = new Set(published.map(([id]) => id));
    for (const id of current.keys())
      assert.ok(listed.has(id), `${id} is new: add it to test/fixtures/checks/rule-ids.txt`);
  });
});
