// Bundles the CLI into dist/bundle/ with esbuild, so that `seawall` starts without resolving and loading ~100
// separate modules (about 50 ms of its start-up). The library entry and the tests use tsc's output in dist/.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

// The build's identity: a digest of every source file and the locked dependencies (src/version.ts reads it).
const hash = createHash('sha256');
const files = readdirSync('src', { recursive: true, withFileTypes: true })
  .filter((d) => d.isFile())
  .map((d) => join(d.parentPath ?? d.path, d.name))
  .sort();
for (const file of [...files, 'package-lock.json'])
  hash.update(file).update('\0').update(readFileSync(file));
writeFileSync('dist/build-id.txt', `${hash.digest('hex').slice(0, 16)}\n`);

rmSync('dist/bundle', { recursive: true, force: true }); // no chunks of earlier builds left behind
await build({
  // The audit worker and the detached port publisher are entries of their own: they are started by file name
  // (src/checks/audit-pool.ts, src/runtime/network/publish.ts).
  entryPoints: {
    seawall: 'src/cli/main.ts',
    'audit-worker': 'src/checks/audit-worker.ts',
    'publisher-main': 'src/runtime/network/publisher-main.ts',
  },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true, // keeps lazily imported parts (the CycloneDX library, the registry client) in their own chunks
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Native addons, and the CycloneDX library's optional XML and validation plug-ins (never used here), stay outside.
  external: [
    'better-sqlite3',
    'xmlbuilder2',
    'libxmljs2',
    'ajv',
    'ajv-formats',
    'ajv-formats-draft2019',
  ],
  // CommonJS dependencies call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __seawallRequire } from 'node:module'; const require = __seawallRequire(import.meta.url);",
  },
  legalComments: 'none',
  logLevel: 'warning',
});
