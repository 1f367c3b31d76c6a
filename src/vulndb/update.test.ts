// `db update` against a feed server on 127.0.0.1: conditional GET (ETag / 304), checksum verification, and the
// atomic swap: a checksum mismatch or a connection cut mid-download leaves the previous database as it was.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InputError } from '../errors.js';
import { scratchDir } from '../testing/fixtures.js';
import { VulnDatabase } from './database.js';
import { updateDatabase } from './update.js';

/** GO-2024-2491 (runc), as the Go vulnerability database publishes it, trimmed to what matching reads. */
const RUNC = JSON.stringify({
  schema_version: '1.3.1',
  id: 'GO-2024-2491',
  aliases: ['CVE-2024-21626', 'GHSA-xr7r-f8xq-vfvv'],
  summary:
    'Container breakout through process.cwd trickery and leaked fds in github.com/opencontainers/runc',
  affected: [
    {
      package: { name: 'github.com/opencontainers/runc', ecosystem: 'Go' },
      ranges: [{ type: 'SEMVER', events: [{ introduced: '1.0.0-rc93' }, { fixed: '1.1.12' }] }],
    },
  ],
});
const RUNC_SHA256 = createHash('sha256').update(RUNC).digest('hex');

interface Hits {
  [path: string]: { status: number; conditional: boolean }[];
}

const scratch = scratchDir('db-update');
const hits: Hits = {};
let server: Server;
let base: string;

before(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const conditional = req.headers['if-none-match'] === '"runc-1"';
    const record = (status: number) => (hits[path] ??= []).push({ status, conditional });
    if (path === '/GO-2024-2491.json') {
      if (conditional) {
        record(304);
        res.writeHead(304).end();
        return;
      }
      record(200);
      res.writeHead(200, { etag: '"runc-1"', 'content-type': 'application/json' }).end(RUNC);
    } else if (path === '/GO-2024-2491.json.sha256') {
      record(200);
      res.end(`${RUNC_SHA256}  GO-2024-2491.json\n`);
    } else if (path === '/cut.json') {
      record(200);
      // Promise more than is sent, then drop the connection.
      res.writeHead(200, { 'content-length': String(RUNC.length * 10) });
      res.write(RUNC.slice(0, 40));
      setTimeout(() => res.socket?.destroy(), 20);
    } else {
      record(404);
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  scratch.remove();
});

function advisoryIds(path: string): string[] {
  const db = VulnDatabase.open(path, { readonly: true });
  try {
    return db
      .lookup('Go', 'github.com/opencontainers/runc', '')
      .map((r) => db.advisory(r.advisory).id);
  } finally {
    db.close();
  }
}

describe('updateDatabase', () => {
  const path = () => join(scratch.dir, 'update.db');

  it('fetches, verifies the checksum and imports; then asks conditionally and gets 304', async () => {
    const source = {
      url: `${base}/GO-2024-2491.json`,
      checksumUrl: `${base}/GO-2024-2491.json.sha256`,
    };
    const first = await updateDatabase(path(), [source]);
    assert.deepEqual(first, [{ url: source.url, outcome: 'updated', records: 1 }]);
    assert.deepEqual(advisoryIds(path()), ['GO-2024-2491']);
    const second = await updateDatabase(path(), [source]);
    assert.deepEqual(second, [{ url: source.url, outcome: 'unchanged' }]);
    assert.deepEqual(hits['/GO-2024-2491.json']!.at(-1), { status: 304, conditional: true });
    assert.deepEqual(advisoryIds(path()), ['GO-2024-2491']);
    const db = VulnDatabase.open(path(), { readonly: true });
    const s = db.status().sources[0]!;
    db.close();
    assert.equal(s.etag, '"runc-1"');
    assert.equal(s.sha256, RUNC_SHA256);
  });

  it('refuses a download whose checksum does not match and keeps the previous database', async () => {
    const before = readFileSync(path());
    await assert.rejects(
      updateDatabase(path(), [{ url: `${base}/GO-2024-2491.json?fresh`, sha256: '0'.repeat(64) }]),
      (e: unknown) => e instanceof InputError && /checksum mismatch/.test(e.message),
    );
    assert.deepEqual(readFileSync(path()), before);
  });

  it('keeps the previous database when the connection is cut mid-download', async () => {
    const before = readFileSync(path());
    await assert.rejects(
      updateDatabase(path(), [{ url: `${base}/cut.json`, kind: 'osv' }]),
      (e: unknown) => e instanceof InputError && e.message.includes('/cut.json'),
    );
    assert.deepEqual(readFileSync(path()), before);
    assert.deepEqual(advisoryIds(path()), ['GO-2024-2491']);
  });

  it('fails on an HTTP error, naming the URL', async () => {
    await assert.rejects(
      updateDatabase(path(), [{ url: `${base}/missing.zip` }]),
      /missing\.zip: HTTP 404/,
    );
  });
});
