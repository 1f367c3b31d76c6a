// The wording the reports share for a check's finding: its place, and the title that speaks for its rule.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sampleHardeningFindings } from '../testing/sample-scan-report.js';
import { findingsByRule, locationText, oneLine, ruleTitle } from './finding-text.js';

describe('locationText', () => {
  it('writes path:line, the layer, a JSON path, or - for the target as a whole', () => {
    assert.deepEqual(
      sampleHardeningFindings().map((f) => locationText(f.location)),
      ['root/.aws/credentials:2 (layer 1)', '$.config.User', 'Dockerfile:2', 'Dockerfile:8'],
    );
    assert.equal(locationText({ path: 'usr/bin/passwd', layer: 0 }), 'usr/bin/passwd (layer 0)');
    assert.equal(
      locationText({ path: 'k8s/pod.yaml', line: 12, jsonPath: '$.spec.hostPID' }),
      'k8s/pod.yaml:12 $.spec.hostPID',
    );
    assert.equal(locationText({ path: 'etc/shadow' }), 'etc/shadow');
    assert.equal(locationText({}), '-');
  });
});

describe('findingsByRule and ruleTitle', () => {
  it('groups findings by check id in id order, keeping the report order inside a group', () => {
    const [secret, user, latest, apt] = sampleHardeningFindings();
    const second = { ...latest!, location: { path: 'Dockerfile', line: 14 } };
    assert.deepEqual(findingsByRule([secret!, latest!, user!, apt!, second]), [
      ['SW-DF-001', [latest, second]],
      ['SW-DF-002', [apt]],
      ['SW-IMG-001', [user]],
      ['SW-SEC-001', [secret]],
    ]);
  });

  it("takes the title most findings share as the rule's, a tie by text order, whatever the finding order", () => {
    const [latest] = sampleHardeningFindings().filter((f) => f.id === 'SW-DF-001');
    const titled = (title: string) => ({ ...latest!, title });
    const generic = 'Base image uses the latest tag';
    const group = [
      titled('FROM golang:latest uses the latest tag'),
      titled(generic),
      titled(generic),
    ];
    assert.equal(ruleTitle(group), generic);
    assert.equal(ruleTitle([...group].reverse()), generic);
    assert.equal(ruleTitle([titled('b'), titled('a')]), 'a');
    assert.equal(ruleTitle([titled('a'), titled('b')]), 'a');
  });

  it('puts a title on one line', () => {
    assert.equal(oneLine(' USER root\n\tin the image  '), 'USER root in the image');
  });
});
