// The embedded default database: built on first use from the real advisory data the repository bundles
// (data/advisories/, derived from public OSV, Debian and Alpine data by scripts/derive-bundled-advisories.mjs), so a
// scan works offline out of the box; `seawall db update` replaces it with full, current feeds.

import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultCacheDir } from '../cache/layer-cache.js';
import { InputError } from '../errors.js';
import { VulnDatabase } from './database.js';
import type { FeedKind } from './import/detect-feed.js';

/** The default database file, under the cache directory (or --cache-dir). */
export function defaultDbPath(cacheDir: string = defaultCacheDir()): string {
  return join(cacheDir, 'vulndb', 'seawall.db');
}

/** data/advisories of the installed package, found by walking up from this module to Seawall's package.json. */
export function bundledAdvisoriesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const name = (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name;
      if (name === 'seawall') return join(dir, 'data', 'advisories');
    }
    const parent = dirname(dir);
    if (parent === dir)
      throw new InputError('data/advisories', 'the bundled advisories are missing');
    dir = parent;
  }
}

/** Every bundled feed file with its kind, in a fixed order. */
export function bundledFeeds(
  dir: string = bundledAdvisoriesDir(),
): { path: string; kind: FeedKind }[] {
  const feeds: { path: string; kind: FeedKind }[] = [
    { path: join(dir, 'osv.zip'), kind: 'osv' },
    { path: join(dir, 'DSA-list'), kind: 'debian-list' },
    { path: join(dir, 'DLA-list'), kind: 'debian-list' },
  ];
  const alpine = join(dir, 'alpine-secdb');
  for (const branch of readdirSync(alpine).sort())
    for (const repo of readdirSync(join(alpine, branch)).sort())
      feeds.push({ path: join(alpine, branch, repo), kind: 'alpine-secdb' });
  return feeds;
}

/**
 * Builds the bundled database at `path`, beside it first and renamed into place, so a reader never opens half of it
 * and two processes racing to build it each end with a whole file.
 */
export async function buildBundledDatabase(
  path: string,
  onWarning?: (message: string) => void,
  now: Date = new Date(),
): Promise<void> {
  // The importers (and their YAML, zip and JSON-stream libraries) load only when there is building to do.
  const { importPath } = await import('./import/import-path.js');
  const dir = bundledAdvisoriesDir();
  const tmp = `${path}.${process.pid}.building`;
  rmSync(tmp, { force: true });
  try {
    const db = VulnDatabase.open(tmp, { create: true });
    try {
      for (const feed of bundledFeeds(dir)) {
        const location = `bundled:${feed.path.slice(dir.length + 1)}`;
        await db.replaceSource(
          location,
          { kind: feed.kind },
          async (sink) => (await importPath(feed.path, sink, feed.kind)).records,
          now,
          onWarning,
        );
      }
    } finally {
      db.close();
    }
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * Opens the database a scan reads: the file given, or the default one, which is built from the bundled data the
 * first time. A file given by the user must exist; it is never created behind their back.
 */
export async function openScanDatabase(
  path: string | undefined,
  options: { cacheDir?: string; onWarning?: (message: string) => void } = {},
): Promise<VulnDatabase> {
  if (path) return VulnDatabase.open(path, { readonly: true });
  const defaultPath = defaultDbPath(options.cacheDir);
  if (!existsSync(defaultPath)) {
    options.onWarning?.(`building the bundled vulnerability database at ${defaultPath} (once)`);
    await buildBundledDatabase(defaultPath);
  }
  return VulnDatabase.open(defaultPath, { readonly: true });
}
