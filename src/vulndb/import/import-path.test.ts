import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CollectingSink } from '../../testing/collecting-sink.js';
import { fixturePath } from '../../testing/fixtures.js';
import type { FeedKind } from './detect-feed.js';
import { importPath } from './import-path.js';

describe('importPath', () => {
  it('detects each feed and hands it to its importer', async () => {
    const cases: [string[], FeedKind, number, (sink: CollectingSink) => unknown[]][] = [
      [['debian', 'DSA-list'], 'debian-list', 28, (s) => s.advisories],
      [['debian', 'tracker.json'], 'debian-tracker-json', 5, (s) => s.advisories],
      [['alpine', 'v3.11-main-subset.yaml'], 'alpine-secdb', 206, (s) => s.advisories],
      [['nvd', 'cves.json'], 'nvd', 2, (s) => s.metrics],
      [['epss', 'epss_scores.csv'], 'epss', 4, (s) => s.scores],
      [['kev', 'known_exploited_vulnerabilities.json'], 'kev', 2, (s) => s.kevEntries],
      [['osv', 'records', 'go', 'GO-2024-2491.json'], 'osv', 1, (s) => s.advisories],
    ];
    for (const [parts, kind, records, emitted] of cases) {
      const sink = new CollectingSink();
      assert.deepEqual(
        await importPath(fixturePath(...parts), sink, undefined),
        { kind, records },
        parts.join('/'),
      );
      assert.equal(emitted(sink).length, records, parts.join('/'));
    }
  });

  it('uses the kind it is given without detecting', async () => {
    const sink = new CollectingSink();
    // A DLA list read as EPSS: the EPSS importer refuses it, which shows the list importer was not asked.
    await assert.rejects(importPath(fixturePath('debian', 'DLA-list'), sink, 'epss'), {
      name: 'InputError',
    });
    const listed = await importPath(fixturePath('debian', 'DLA-list'), sink, 'debian-list');
    assert.deepEqual(listed, { kind: 'debian-list', records: 9 });
  });
});
