// The vulnerability database's SQLite schema, versioned: a file of another version is refused, never guessed at.
// Advisories and their affected packages are indexed by (ecosystem, name, release), the matcher's one lookup.

/** Bumped whenever a table or column changes meaning; a database of another version must be rebuilt. */
export const VULNDB_SCHEMA_VERSION = 1;

/** Marks the file as Seawall's (SQLite's application_id header field), so another SQLite file is told apart. */
export const VULNDB_APPLICATION_ID = 0x5357_4442; // 'SWDB'

export const SCHEMA_SQL = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
-- One row per imported input (a file, directory or URL); importing it again replaces its rows.
CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  location TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  records INTEGER NOT NULL,
  etag TEXT,
  last_modified TEXT,
  sha256 TEXT
);
CREATE TABLE advisories (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  advisory_id TEXT NOT NULL,
  feed TEXT NOT NULL,
  aliases TEXT NOT NULL,
  summary TEXT,
  severity TEXT,
  cvss TEXT NOT NULL,
  refs TEXT NOT NULL,
  published TEXT,
  modified TEXT
);
CREATE INDEX advisories_by_source ON advisories(source_id);
CREATE INDEX advisories_by_id ON advisories(advisory_id);
-- ranges: JSON array of [introduced, fixed | null, lastAffected | null]; versions: JSON array or NULL.
-- Clustered by package (WITHOUT ROWID): the rows of one package sit together, so a lookup reads a page or two.
CREATE TABLE affected (
  ecosystem TEXT NOT NULL,
  name TEXT NOT NULL,
  release TEXT NOT NULL,
  advisory INTEGER NOT NULL REFERENCES advisories(id),
  ord INTEGER NOT NULL,
  scheme TEXT NOT NULL,
  ranges TEXT NOT NULL,
  versions TEXT,
  unfixed_status TEXT,
  severity TEXT,
  PRIMARY KEY (ecosystem, name, release, advisory, ord)
) WITHOUT ROWID;
CREATE INDEX affected_by_advisory ON affected(advisory);
-- Derived from affected after every import: one row per package holding all its entries as a JSON array of
-- [advisory, scheme, ranges, versions, unfixed_status, severity], so a lookup is one row and one parse.
CREATE TABLE package_index (
  ecosystem TEXT NOT NULL,
  name TEXT NOT NULL,
  release TEXT NOT NULL,
  entries TEXT NOT NULL,
  PRIMARY KEY (ecosystem, name, release)
) WITHOUT ROWID;
CREATE TABLE aliases (alias TEXT NOT NULL, advisory INTEGER NOT NULL REFERENCES advisories(id));
CREATE INDEX aliases_by_alias ON aliases(alias);
CREATE INDEX aliases_by_advisory ON aliases(advisory);
CREATE TABLE cve_metrics (
  cve TEXT PRIMARY KEY,
  source_id INTEGER NOT NULL,
  severity TEXT,
  cvss TEXT NOT NULL,
  published TEXT
) WITHOUT ROWID;
CREATE TABLE epss (cve TEXT PRIMARY KEY, source_id INTEGER NOT NULL, score REAL NOT NULL, percentile REAL NOT NULL) WITHOUT ROWID;
CREATE TABLE kev (cve TEXT PRIMARY KEY, source_id INTEGER NOT NULL, date_added TEXT NOT NULL, due_date TEXT, ransomware TEXT) WITHOUT ROWID;
`;
