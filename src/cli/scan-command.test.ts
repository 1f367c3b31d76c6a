// `seawall scan` and `seawall db` as users run them: exit codes (0, 1 for the gate, 2 for bad input), one-line
// errors, warnings that name the file and record, and the database refused with a rebuild hint when damaged.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { repoRoot, scratchDir } from '../testing/fixtures.js';
import { appImage } from '../testing/images.js';
import { bundledTestDb } from '../testing/vulndb.js';

function seawall(...args: string[]) {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin', 'seawall.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const scratch = scratchDir('scan-cli');
let db: string;
let target: string;
before(async () => {
  db = await bundledTestDb();
  target = `oci:${appImage().oci}:apps`;
});
after(() => scratch.remove());

describe('seawall scan', () => {
  it('prints a table and exits 0 without --fail-on', () => {
    const r = seawall('scan', target, '--db', db, '--detection', 'comprehensive');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /stdlib/);
    assert.match(r.stdout, /GO-\d{4}-\d+/);
  });

  it('exits 1 when a finding at or above --fail-on remains, and 0 when all are suppressed', () => {
    const json = seawall('scan', target, '--db', db, '--detection', 'comprehensive', '-f', 'json');
    const ids = (
      JSON.parse(json.stdout) as { vulnerabilities: { id: string }[] }
    ).vulnerabilities.map((v) => v.id);
    assert.ok(ids.length > 0);
    assert.equal(
      seawall(
        'scan',
        target,
        '--db',
        db,
        '--detection',
        'comprehensive',
        '--fail-on',
        'unknown',
        '-q',
      ).code,
      1,
    );
    const ignore = join(scratch.dir, 'ignore.yaml');
    writeFileSync(
      ignore,
      `vulnerabilities:\n${[...new Set(ids)].map((id) => `  - id: ${id}\n    statement: accepted for the test\n`).join('')}`,
    );
    const r = seawall(
      'scan',
      target,
      '--db',
      db,
      '--detection',
      'comprehensive',
      '--fail-on',
      'unknown',
      '--ignore-file',
      ignore,
      '-f',
      'json',
      '-q',
    );
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { vulnerabilities: { suppressed?: { kind: string } }[] };
    assert.ok(report.vulnerabilities.length > 0);
    assert.ok(report.vulnerabilities.every((v) => v.suppressed?.kind === 'ignore-file'));
  });

  it('writes SARIF with a location and security-severity on every result', () => {
    const out = join(scratch.dir, 'report.sarif');
    const r = seawall(
      'scan',
      target,
      '--db',
      db,
      '--detection',
      'comprehensive',
      '-f',
      'sarif',
      '-o',
      out,
    );
    assert.equal(r.code, 0, r.stderr);
    const sarif = JSON.parse(readFileSync(out, 'utf8')) as {
      runs: {
        results: {
          locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
          properties?: Record<string, string>;
        }[];
      }[];
    };
    const results = sarif.runs[0]!.results;
    assert.ok(results.length > 0);
    for (const res of results) {
      assert.ok(res.locations[0]!.physicalLocation.artifactLocation.uri);
      assert.ok(Number.isFinite(Number(res.properties?.['security-severity'])));
    }
  });

  it('refuses bad input with exit 2 and one line', () => {
    const cases: [string[], RegExp][] = [
      [
        ['scan', target, '--db', join(scratch.dir, 'none.db')],
        /none\.db: no vulnerability database here/,
      ],
      [
        ['scan', target, '--db', db, '--severity', 'urgent'],
        /--severity: unknown severity "urgent"/,
      ],
      [['scan', 'sbom:/no/such/bom.json', '--db', db], /\/no\/such\/bom\.json/],
      [
        ['scan', 'registry:127.0.0.1:5000/app:1', '--db', db, '--offline'],
        /registry:127\.0\.0\.1:5000\/app:1: a registry target needs the network/,
      ],
    ];
    for (const [args, pattern] of cases) {
      const r = seawall(...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, pattern);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    }
  });

  it('refuses a damaged database with a rebuild hint', () => {
    const damaged = join(scratch.dir, 'damaged.db');
    writeFileSync(damaged, Buffer.alloc(8192, 0x5a));
    const r = seawall('scan', target, '--db', damaged);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /damaged\.db: .*(rebuild it with `seawall db update`)/);
  });
});

describe('seawall db', () => {
  it('imports feeds, warns about a malformed record naming file and id, and goes on', () => {
    const dir = join(scratch.dir, 'feeds');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'GO-2024-2491.json'),
      JSON.stringify({
        schema_version: '1.3.1',
        id: 'GO-2024-2491',
        aliases: ['CVE-2024-21626'],
        affected: [
          {
            package: { name: 'github.com/opencontainers/runc', ecosystem: 'Go' },
            ranges: [
              { type: 'SEMVER', events: [{ introduced: '1.0.0-rc93' }, { fixed: '1.1.12' }] },
            ],
          },
        ],
      }),
    );
    writeFileSync(
      join(dir, 'BROKEN-1.json'),
      JSON.stringify({ id: 'BROKEN-1', affected: 'everything' }),
    );
    const file = join(scratch.dir, 'own.db');
    const r = seawall('db', 'import', dir, '--db', file);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /BROKEN-1\.json: BROKEN-1: /);
    assert.match(r.stderr, /imported 1 records \(osv\)/);
    const status = seawall('db', 'status', '--db', file, '-f', 'json');
    assert.equal(status.code, 0, status.stderr);
    const s = JSON.parse(status.stdout) as {
      counts: { advisories: number };
      sources: { kind: string }[];
    };
    assert.equal(s.counts.advisories, 1);
    assert.equal(s.sources[0]!.kind, 'osv');
    assert.match(seawall('db', 'status', '--db', file).stdout, /advisories:\s+1 /);
  });

  it('refuses URLs with --offline and update with --offline, keeping the database', () => {
    const file = join(scratch.dir, 'offline.db');
    copyFileSync(db, file);
    const imp = seawall(
      'db',
      'import',
      'https://example.invalid/all.zip',
      '--db',
      file,
      '--offline',
    );
    assert.equal(imp.code, 2);
    assert.match(imp.stderr, /cannot be imported with --offline/);
    const upd = seawall('db', 'update', '--db', file, '--offline');
    assert.equal(upd.code, 2);
    assert.match(upd.stderr, /needs the network/);
    assert.equal(seawall('db', 'status', '--db', file).code, 0);
  });
});
