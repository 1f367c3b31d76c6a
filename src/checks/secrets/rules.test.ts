import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { SECRET_RULES, secretRuleById } from './rules.js';
import { scanForSecrets } from './scan-text.js';

const fake = (n: number) => 'FAKE0fake1FAKE2fake3FAKE4fake5FAKE6fake7'.repeat(8).slice(0, n);
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const pkcs8 = rsa.export({ type: 'pkcs8', format: 'pem' }) as string;

/** For every rule, texts that it reports: together they use each of its keywords. */
const SAMPLES: Record<string, string[]> = {
  'SW-SEC-001': [pkcs8],
  'SW-SEC-002': [], // an OpenSSH key needs the hand-built blob of scan-text.test.ts; its keyword is SW-SEC-001's
  'SW-SEC-003': [
    rsa.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'p' }) as string,
  ],
  'SW-SEC-004': ['AKIA', 'ASIA'].map((p) => `${p}FAKE2345FAKE6789`),
  'SW-SEC-005': [`AWS_SECRET_ACCESS_KEY=${fake(40)}`],
  'SW-SEC-006': ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'].map((p) => p + fake(36)),
  'SW-SEC-007': [`github_pat_${fake(22)}_${fake(59)}`],
  'SW-SEC-008': [`glpat-${fake(20)}`],
  'SW-SEC-009': ['a', 'b', 'p', 'r', 's'].map((t) => `xox${t}-1234567890-${fake(24)}`),
  'SW-SEC-010': [
    `https://hooks.slack.com/services/T${fake(8).toUpperCase()}/B12345678/${fake(24)}`,
  ],
  'SW-SEC-011': [JSON.stringify({ type: 'service_account', private_key: pkcs8 })],
  'SW-SEC-012': [`sk_live_${fake(24)}`, `rk_live_${fake(24)}`],
  'SW-SEC-013': [`npm_${fake(36)}`],
  'SW-SEC-014': [
    [{ alg: 'RS256' }, { sub: 'x' }]
      .map((o) => Buffer.from(JSON.stringify(o)).toString('base64url'))
      .join('.') + `.${fake(43)}`,
  ],
  'SW-SEC-015': [
    'password',
    'passwd',
    'passphrase',
    'secret',
    'token',
    'api_key',
    'api-key',
    'apikey',
    'access_key',
    'access-key',
    'accesskey',
  ].map((name) => `${name}=Xk9mQ2vL7pR4tW8z`),
};

describe('secret rules', () => {
  it('have unique ids in SW-SEC-001 ... SW-SEC-099, of kind secret', () => {
    const ids = SECRET_RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const rule of SECRET_RULES) {
      assert.match(rule.id, /^SW-SEC-0(?:0[1-9]|[1-9][0-9])$/);
      assert.equal(rule.kind, 'secret');
      assert.equal(secretRuleById(rule.id), rule);
    }
    assert.equal(secretRuleById('SW-IMG-001'), undefined);
  });

  it('map to CIS Docker 4.10, with sorted framework lists', () => {
    for (const rule of SECRET_RULES) {
      assert.deepEqual(rule.frameworks['cis-docker'], ['4.10'], rule.id);
      for (const list of Object.values(rule.frameworks))
        assert.deepEqual(list, [...list].sort(), rule.id);
    }
  });

  it('fire on text holding each of their (lower-case) keywords', () => {
    for (const rule of SECRET_RULES) {
      const samples = SAMPLES[rule.id]!;
      for (const sample of samples) {
        const found = scanForSecrets(Buffer.from(sample), 'srv/sample').map((m) => m.rule);
        assert.deepEqual(found, [rule.id], `${rule.id}: ${sample.slice(0, 40)}`);
      }
      for (const keyword of rule.keywords) {
        assert.equal(keyword, keyword.toLowerCase(), rule.id);
        const used = [...samples, ...(rule.id === 'SW-SEC-002' ? SAMPLES['SW-SEC-001']! : [])];
        assert.ok(
          used.some((s) => s.toLowerCase().includes(keyword)),
          `${rule.id}: a sample uses ${keyword}`,
        );
      }
    }
  });
});
