// Writes incompressible filler files under a directory so that a benchmark image weighs about 1 GB, in the
// shape of a real fat layer: a few large blobs (models, archives) and thousands of small files in many folders.
// Usage: node bench/write-filler-files.mjs DIR LARGE_COUNT LARGE_MB SMALL_COUNT SMALL_KB

import { randomFillSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, largeCount, largeMb, smallCount, smallKb] = process.argv.slice(2);
if (!dir || !largeCount || !largeMb || !smallCount || !smallKb) {
  console.error('usage: write-filler-files.mjs DIR LARGE_COUNT LARGE_MB SMALL_COUNT SMALL_KB');
  process.exit(2);
}

// Random bytes: gzip cannot shrink them, so the compressed image is as large as the unpacked one.
const chunk = Buffer.alloc(1024 * 1024);
for (let i = 0; i < Number(largeCount); i++) {
  const blobDir = join(dir, 'blobs');
  mkdirSync(blobDir, { recursive: true });
  const parts = [];
  for (let mb = 0; mb < Number(largeMb); mb++) parts.push(Buffer.from(randomFillSync(chunk)));
  writeFileSync(join(blobDir, `blob-${i}.bin`), Buffer.concat(parts));
}

const small = Buffer.alloc(Number(smallKb) * 1024);
const perFolder = 100;
for (let i = 0; i < Number(smallCount); i++) {
  const folder = join(dir, 'files', String(Math.floor(i / perFolder)).padStart(4, '0'));
  if (i % perFolder === 0) mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, `file-${i}.dat`), randomFillSync(small));
}
