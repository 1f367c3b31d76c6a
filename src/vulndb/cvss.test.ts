// Table test of the CVSS v3 base score calculator against the scores NVD publishes for the same vectors
// (https://nvd.nist.gov/vuln/detail/<CVE>), and of the qualitative ratings of CVSS v3.1 section 5.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cvss3BaseScore, severityOfScore } from './cvss.js';

/** [vector, NVD's base score for it, an advisory NVD rates with it or what the vector describes]. */
const NVD_SCORES: [string, number, string][] = [
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10.0, 'CVE-2021-44228'],
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8, 'CVE-2020-13921'],
  ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H', 9.9, 'scope changed, low privileges'],
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 7.5, 'CVE-2014-0160'],
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', 7.5, 'a remote denial of service'],
  ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 7.8, 'CVE-2021-3156'],
  ['CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H', 8.6, 'CVE-2024-21626'],
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1, 'a reflected XSS'],
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N', 5.3, 'CVE-2019-1551'],
  ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N', 5.9, 'high complexity, confidentiality only'],
  ['CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H', 7.0, 'a local race'],
  ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 8.8, 'an authenticated RCE'],
  ['CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H', 7.2, 'an admin-only RCE'],
  ['CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 6.8, 'a physical attack'],
  ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N', 6.4, 'a stored XSS'],
  // v3.0 vectors share the formulas.
  ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8, 'v3.0 critical'],
  ['CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N', 5.9, 'v3.0 medium'],
  // No impact at all scores 0, whatever the exploitability.
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0, 'none'],
];

describe('cvss3BaseScore', () => {
  for (const [vector, score, what] of NVD_SCORES) {
    it(`${vector} = ${score} (${what})`, () => {
      assert.equal(cvss3BaseScore(vector), score);
    });
  }

  it('ignores temporal and environmental metrics, in any order after the base ones', () => {
    assert.equal(
      cvss3BaseScore('CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C/CR:H/MAV:N'),
      7.8,
    );
    assert.equal(cvss3BaseScore('CVSS:3.1/S:U/AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H'), 9.8);
  });

  it('rounds up by Appendix A: the smallest one-decimal number not below the exact value', () => {
    // Impact 6.42 * 0.22 = 1.4124, exploitability 8.22 * 0.55 * 0.77 * 0.27 * 0.85 = 0.7988: 2.2112 -> 2.3.
    assert.equal(cvss3BaseScore('CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:N/I:N/A:L'), 2.3);
  });

  it('refuses what is not a complete v3 base vector', () => {
    for (const vector of [
      'AV:N/AC:L/Au:N/C:P/I:P/A:P', // v2
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H', // A missing
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/A:L', // repeated
      'CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', // bad value
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/XX:Y', // unknown metric
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/constructor:name',
      'CVSS:3.1/',
      '',
    ]) {
      assert.equal(cvss3BaseScore(vector), undefined, vector);
    }
  });
});

describe('severityOfScore', () => {
  it('follows the CVSS v3.1 qualitative rating scale', () => {
    const table: [number, string][] = [
      [10, 'critical'],
      [9.0, 'critical'],
      [8.9, 'high'],
      [7.0, 'high'],
      [6.9, 'medium'],
      [4.0, 'medium'],
      [3.9, 'low'],
      [0.1, 'low'],
      [0, 'negligible'],
      [-1, 'unknown'],
      [10.1, 'unknown'],
      [Number.NaN, 'unknown'],
    ];
    for (const [score, severity] of table)
      assert.equal(severityOfScore(score), severity, `${score}`);
  });
});
