// The feeds `seawall db update` fetches: a built-in list of public feeds, or a YAML file of the user's own
// (`--sources FILE`): `sources: [{url, kind?, sha256?, checksumUrl?}]`.

import { readFileSync } from 'node:fs';
import { InputError, messageOf } from '../errors.js';
import { yamlModule } from '../util/lazy-module.js';
import { FEED_KINDS, type FeedKind } from './feed-kinds.js';

export interface FeedSource {
  url: string;
  /** The feed format; detected from the content when absent. */
  kind?: FeedKind;
  /** The expected SHA-256 of the download (hex). */
  sha256?: string;
  /** A URL whose first hex token is the expected SHA-256 (a `.sha256` sidecar file). */
  checksumUrl?: string;
}

const OSV_ECOSYSTEMS = [
  'Debian',
  'Ubuntu',
  'Alpine',
  'PyPI',
  'npm',
  'Go',
  'Maven',
  'crates.io',
  'RubyGems',
  'NuGet',
  'Packagist',
];

/** Public feeds: OSV's per-ecosystem dumps, the Debian Security Tracker, CISA KEV and FIRST EPSS. */
export const DEFAULT_FEED_SOURCES: readonly FeedSource[] = [
  ...OSV_ECOSYSTEMS.map((e) => ({
    url: `https://osv-vulnerabilities.storage.googleapis.com/${encodeURIComponent(e)}/all.zip`,
    kind: 'osv' as const,
  })),
  { url: 'https://security-tracker.debian.org/tracker/data/json', kind: 'debian-tracker-json' },
  {
    url: 'https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json',
    kind: 'kev',
  },
  { url: 'https://epss.empiricalsecurity.com/epss_scores-current.csv.gz', kind: 'epss' },
];

export function loadSourcesConfig(path: string): FeedSource[] {
  let doc: unknown;
  try {
    doc = yamlModule().parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new InputError(path, `cannot read the sources file (${messageOf(err)})`);
  }
  const list = (doc as { sources?: unknown } | null)?.sources;
  if (!Array.isArray(list) || list.length === 0)
    throw new InputError(
      path,
      'expected `sources:` with a list of {url, kind?, sha256?, checksumUrl?}',
    );
  return list.map((entry: unknown, i) => {
    const e = entry as Record<string, unknown>;
    const where = `source ${i + 1}`;
    if (
      typeof e !== 'object' ||
      e === null ||
      typeof e.url !== 'string' ||
      !/^https?:\/\//.test(e.url)
    )
      throw new InputError(path, `${where}: url must be an http(s) URL`);
    for (const key of Object.keys(e))
      if (!['url', 'kind', 'sha256', 'checksumUrl'].includes(key))
        throw new InputError(path, `${where}: unknown key ${JSON.stringify(key)}`);
    const source: FeedSource = { url: e.url };
    if (e.kind !== undefined) {
      if (typeof e.kind !== 'string' || !(FEED_KINDS as readonly string[]).includes(e.kind))
        throw new InputError(path, `${where}: kind must be one of ${FEED_KINDS.join(', ')}`);
      source.kind = e.kind as FeedKind;
    }
    if (e.sha256 !== undefined) {
      if (typeof e.sha256 !== 'string' || !/^[0-9a-f]{64}$/i.test(e.sha256))
        throw new InputError(path, `${where}: sha256 must be 64 hex digits`);
      source.sha256 = e.sha256.toLowerCase();
    }
    if (e.checksumUrl !== undefined) {
      if (typeof e.checksumUrl !== 'string' || !/^https?:\/\//.test(e.checksumUrl))
        throw new InputError(path, `${where}: checksumUrl must be an http(s) URL`);
      source.checksumUrl = e.checksumUrl;
    }
    return source;
  });
}
