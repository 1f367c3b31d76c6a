// Bundles the CLI into dist/bundle/ with esbuild, so that `seawall` starts without resolving and loading ~100
// separate modules (about 50 ms of its start-up). The library entry and the tests use tsc's output in dist/.
import { build } from 'esbuild';

await build({
  entryPoints: { seawall: 'src/cli/main.ts' },
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
