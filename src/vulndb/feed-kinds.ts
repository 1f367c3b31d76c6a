// The advisory feed formats Seawall imports, by the names `db import --kind` and the sources file use.
// A module of its own so the CLI can list them without loading the importers.

/** Every feed kind Seawall imports. */
export const FEED_KINDS = [
  'osv',
  'debian-tracker-json',
  'debian-list',
  'alpine-secdb',
  'nvd',
  'epss',
  'kev',
] as const;

export type FeedKind = (typeof FEED_KINDS)[number];
