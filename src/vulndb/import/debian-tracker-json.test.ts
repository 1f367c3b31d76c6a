import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { InputError } from '../../errors.js';
import { CollectingSink } from '../../testing/collecting-sink.js';
import { fixturePath, scratchDir } from '../../testing/fixtures.js';
import { importDebianTrackerJson, urgencySeverity } from './debian-tracker-json.js';

const fixture = fixturePath('debian', 'tracker.json');
const scratch = scratchDir('tracker-json');
after(() => scratch.remove());

async function importFile(path: string): Promise<{ sink: CollectingSink; count: number }> {
  const sink = new CollectingSink();
  const count = await importDebianTrackerJson(path, sink);
  return { sink, count };
}

describe('importDebianTrackerJson on a real-shaped tracker export', async () => {
  const { sink, count } = await importFile(fixture);

  it('emits one record per (package, CVE) that leaves an affected release, in file order', () => {
    assert.equal(count, 5);
    assert.deepEqual(
      sink.advisories.map((r) => `${r.affected[0]!.name} ${r.id}`),
      [
        'chromium CVE-2024-0519',
        'tar CVE-2005-2541',
        'xorg-server CVE-2023-1393',
        'xz-utils CVE-2024-3094',
        'zlib CVE-2023-45853',
      ],
    );
  });

  it('resolved with a version: a fixed range per numbered release, sid skipped', () => {
    assert.deepEqual(sink.byId('CVE-2023-1393'), {
      id: 'CVE-2023-1393',
      source: 'debian-tracker',
      aliases: [],
      summary: 'A use-after-free flaw was found in xorg-server.',
      cvss: [],
      references: ['https://security-tracker.debian.org/tracker/CVE-2023-1393'],
      affected: [
        {
          ecosystem: 'Debian',
          release: '10',
          name: 'xorg-server',
          scheme: 'deb',
          ranges: [{ introduced: '0', fixed: '2:1.20.4-1+deb10u9' }],
          versions: [],
        },
        {
          ecosystem: 'Debian',
          release: '11',
          name: 'xorg-server',
          scheme: 'deb',
          ranges: [{ introduced: '0', fixed: '2:1.20.11-1+deb11u6' }],
          versions: [],
        },
        {
          ecosystem: 'Debian',
          release: '12',
          name: 'xorg-server',
          scheme: 'deb',
          ranges: [{ introduced: '0', fixed: '2:21.1.7-3' }],
          versions: [],
        },
      ],
    });
  });

  it("resolved with '0' is not affected: xz-utils has an entry for trixie only", () => {
    const xz = sink.byId('CVE-2024-3094');
    assert.deepEqual(
      xz.affected.map((a) => [a.release, a.ranges]),
      [['13', [{ introduced: '0', fixed: '5.6.1+really5.4.5-1' }]]],
    );
  });

  it("open stays open; 'unimportant' is negligible, 'end-of-life' and nodsa 'ignored' set the status", () => {
    const tar = sink.byId('CVE-2005-2541');
    assert.deepEqual(
      tar.affected.map((a) => [a.release, a.ranges, a.unfixedStatus, a.severity]),
      [
        ['11', [{ introduced: '0' }], undefined, 'negligible'],
        ['12', [{ introduced: '0' }], undefined, 'negligible'],
      ],
    );
    const chromium = sink.byId('CVE-2024-0519');
    assert.deepEqual(
      chromium.affected.map((a) => [a.release, a.ranges, a.unfixedStatus, a.severity]),
      [
        ['11', [{ introduced: '0' }], 'end_of_life', undefined],
        ['12', [{ introduced: '0', fixed: '120.0.6099.224-1~deb12u1' }], undefined, undefined],
      ],
    );
    const zlib = sink.byId('CVE-2023-45853');
    assert.deepEqual(
      zlib.affected.map((a) => [a.release, a.unfixedStatus]),
      [['12', 'will_not_fix']],
    );
  });

  it('counts the TEMP- issues in one warning', () => {
    assert.deepEqual(sink.warnings, [
      `${fixture}: 1 TEMP- issues skipped: they have no CVE id yet`,
    ]);
  });

  it('reads the same records through gzip, told by the magic bytes alone', async () => {
    const packed = join(scratch.dir, 'tracker-data');
    writeFileSync(packed, gzipSync(readFileSync(fixture)));
    const again = await importFile(packed);
    assert.equal(again.count, 5);
    assert.deepEqual(again.sink.advisories, sink.advisories);
  });
});

describe('importDebianTrackerJson on broken input', () => {
  it('warns about each broken record, naming file and id, and imports the rest', async () => {
    const path = join(scratch.dir, 'broken.json');
    writeFileSync(
      path,
      JSON.stringify({
        openssl: {
          'CVE-2023-0001': 'not an object',
          'CVE-2023-0002': {
            releases: {
              bookworm: { status: 'fixed' },
              bullseye: { status: 'resolved' },
              hamm2: { status: 'open' },
              buster: {
                status: 'open',
                urgency: 'medium**',
                nodsa: 'Minor issue',
                nodsa_reason: 'postponed',
              },
            },
          },
          'CVE-2023-0003': {
            debianbug: 1034567,
            releases: { bookworm: { status: 'open', urgency: 'low*' } },
          },
        },
        curl: { 'XSA-123': { releases: {} } },
      }),
    );
    const { sink, count } = await importFile(path);
    assert.equal(count, 2);
    assert.deepEqual(sink.warnings, [
      `${path}: CVE-2023-0001 (openssl): no "releases" object: skipped`,
      `${path}: CVE-2023-0002 (openssl): release bookworm: unknown status "fixed": skipped`,
      `${path}: CVE-2023-0002 (openssl): release bullseye: resolved without a fixed_version: skipped`,
      `${path}: XSA-123 (curl): not a CVE id: skipped`,
      `${path}: releases without a known number skipped: hamm2`,
    ]);
    const postponed = sink.byId('CVE-2023-0002');
    assert.deepEqual(postponed.affected, [
      {
        ecosystem: 'Debian',
        release: '10',
        name: 'openssl',
        scheme: 'deb',
        ranges: [{ introduced: '0' }],
        versions: [],
        severity: 'medium',
      },
    ]);
    assert.deepEqual(sink.byId('CVE-2023-0003').references, [
      'https://bugs.debian.org/1034567',
      'https://security-tracker.debian.org/tracker/CVE-2023-0003',
    ]);
  });

  it('a truncated download throws InputError naming the file, after streaming what came before', async () => {
    const text = readFileSync(fixture, 'utf8');
    const path = join(scratch.dir, 'truncated.json');
    writeFileSync(path, text.slice(0, text.indexOf('"xorg-server"')));
    const sink = new CollectingSink();
    await assert.rejects(importDebianTrackerJson(path, sink), (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.equal(err.subject, path);
      assert.match(err.problem, /^invalid JSON/);
      return true;
    });
    assert.deepEqual(
      sink.advisories.map((r) => r.id),
      ['CVE-2024-0519', 'CVE-2005-2541'],
    );
  });

  it('a JSON array is not a tracker export', async () => {
    const path = join(scratch.dir, 'array.json');
    writeFileSync(path, '[{"tar": {}}]');
    await assert.rejects(importFile(path), { name: 'InputError', subject: path });
  });
});

describe('urgencySeverity', () => {
  it('maps the tracker urgencies, stripping the * marks', () => {
    const table: [string | undefined, string | undefined][] = [
      ['unimportant', 'negligible'],
      ['low', 'low'],
      ['medium', 'medium'],
      ['high', 'high'],
      ['low**', 'low'],
      ['high*', 'high'],
      ['not yet assigned', undefined],
      ['end-of-life', undefined],
      [undefined, undefined],
    ];
    for (const [urgency, severity] of table)
      assert.equal(urgencySeverity(urgency), severity, urgency);
  });
});
