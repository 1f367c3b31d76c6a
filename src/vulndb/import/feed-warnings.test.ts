import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CollectingSink } from '../../testing/collecting-sink.js';
import { FeedWarnings } from './feed-warnings.js';

describe('FeedWarnings', () => {
  it('names the file and the record or line, then counts what passes the limit', () => {
    const sink = new CollectingSink();
    const warnings = new FeedWarnings(sink, 'feeds/DSA-list', 2);
    warnings.line(12, 'unreadable line');
    warnings.record('CVE-2024-3094', 'no releases');
    warnings.record('CVE-2024-3095', 'no releases');
    warnings.line(40, 'unreadable line');
    warnings.general('3 TEMP- issues skipped');
    warnings.finish();
    assert.deepEqual(sink.warnings, [
      'feeds/DSA-list:12: unreadable line',
      'feeds/DSA-list: CVE-2024-3094: no releases',
      'feeds/DSA-list: 3 TEMP- issues skipped',
      'feeds/DSA-list: 2 more warnings not shown',
    ]);
  });
});
