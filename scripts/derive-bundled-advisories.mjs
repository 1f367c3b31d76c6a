// Derives the bundled advisory set (data/advisories/) from the real public data in ../shared/data: run by hand when
// that snapshot changes (`node scripts/derive-bundled-advisories.mjs ../shared/data`); Seawall never reads
// ../shared itself. The facts are kept as published; only what matching never reads is dropped (Go symbol lists,
// per-version enumerations that duplicate a range, long descriptions) so the repository stays small.

import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

const shared = resolve(process.argv[2] ?? '../shared/data');
const out = resolve('data/advisories');
const DETAILS_CHARS = 240;

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

function slim(doc) {
  delete doc.database_specific?.url;
  if (typeof doc.details === 'string' && doc.details.length > DETAILS_CHARS)
    doc.details = `${doc.details.slice(0, DETAILS_CHARS - 1)}…`;
  for (const a of doc.affected ?? []) {
    delete a.ecosystem_specific?.imports;
    if (a.ecosystem_specific && Object.keys(a.ecosystem_specific).length === 0)
      delete a.ecosystem_specific;
    const hasVersionRange = (a.ranges ?? []).some(
      (r) => r.type === 'ECOSYSTEM' || r.type === 'SEMVER',
    );
    if (hasVersionRange) delete a.versions;
    a.ranges = (a.ranges ?? []).filter((r) => r.type !== 'GIT');
  }
  return doc;
}

const staging = mkdtempSync(join(tmpdir(), 'seawall-advisories-'));
try {
  let count = 0;
  // Only advisories: the PyPI database also keeps bookkeeping files (`.id-allocator`).
  for (const file of walk(join(shared, 'osv')).filter((f) => /\.(json|ya?ml)$/.test(f))) {
    const text = readFileSync(file, 'utf8');
    const doc = file.endsWith('.json') ? JSON.parse(text) : parse(text);
    writeFileSync(join(staging, `${doc.id}.json`), `${JSON.stringify(slim(doc))}\n`);
    count++;
  }
  mkdirSync(out, { recursive: true });
  rmSync(join(out, 'osv.zip'), { force: true });
  // -X: no extra timestamps or uid fields; sorted names: the same input gives the same archive members.
  const names = readdirSync(staging).sort();
  execFileSync('zip', ['-q', '-9', '-X', '-D', join(out, 'osv.zip'), ...names], { cwd: staging });
  for (const list of ['DSA-list', 'DLA-list'])
    copyFileSync(join(shared, 'debian-security-tracker', list), join(out, list));
  for (const branch of readdirSync(join(shared, 'alpine-secdb')).sort()) {
    mkdirSync(join(out, 'alpine-secdb', branch), { recursive: true });
    for (const repo of ['main.yaml', 'community.yaml'])
      copyFileSync(
        join(shared, 'alpine-secdb', branch, repo),
        join(out, 'alpine-secdb', branch, repo),
      );
  }
  console.log(
    `derive-bundled-advisories: ${count} OSV records, Debian DSA/DLA lists, Alpine secdb -> ${out}`,
  );
} finally {
  rmSync(staging, { recursive: true, force: true });
}
