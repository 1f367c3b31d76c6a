// One OSV document, validated and turned into the advisory record the database stores.
// OSV schema 1.0-1.7 (https://ossf.github.io/osv-schema/); CVSS v3 scores computed by ../cvss.ts.

import { compareText } from '../../model/order.js';
import type {
  AdvisoryRecord,
  AffectedPackage,
  AffectedRange,
  CvssScore,
  ImportSink,
  Severity,
} from '../advisory.js';
import { cvss3BaseScore } from '../cvss.js';
import { debianReleaseNumber } from '../debian-releases.js';
import { normalizePackageName } from '../package-name.js';

type JsonObject = Record<string, unknown>;
type Warn = (problem: string) => void;

/** Why one `affected` entry cannot be used: it is left out and the rest of the record kept. */
class AffectedProblem extends Error {}

/**
 * The advisory an OSV document describes, or undefined (after a warning naming `file` and the id) when the document
 * is not a record at all: not an object, no id, `affected` not an array. A bad `affected` entry (no package name, a
 * range with no events or an event of an unknown kind, ...) is left out with a warning and the rest kept, since the
 * other packages' ranges stay true; a wrongly typed optional field is ignored with a warning.
 */
export function osvToAdvisory(
  doc: unknown,
  file: string,
  sink: Pick<ImportSink, 'warn'>,
): AdvisoryRecord | undefined {
  const rawId = isObject(doc) ? field(doc, 'id') : undefined;
  const id = typeof rawId === 'string' && rawId.trim() !== '' ? rawId : undefined;
  const warn: Warn = (problem) => sink.warn(`${file}: ${id ?? '(no id)'}: ${problem}`);
  if (!isObject(doc)) {
    warn(`not an OSV record (a JSON object): got ${describe(doc)}`);
    return undefined;
  }
  if (id === undefined) {
    warn('no id');
    return undefined;
  }
  const affectedField = field(doc, 'affected');
  if (affectedField !== undefined && !Array.isArray(affectedField)) {
    warn(`affected is not an array: got ${describe(affectedField)}`);
    return undefined;
  }

  const database = databaseOfId(id);
  const cvss = new Map<string, CvssScore>();
  const topSeverity = readSeverity(field(doc, 'severity'), 'severity', database, cvss, warn);

  const affected: AffectedPackage[] = [];
  for (const [index, entry] of (affectedField ?? []).entries()) {
    try {
      affected.push(...convertAffected(entry, database, cvss, warn));
    } catch (err) {
      if (!(err instanceof AffectedProblem)) throw err;
      warn(`affected[${index}] left out: ${err.message}`);
    }
  }
  affected.sort(
    (a, b) =>
      compareText(a.ecosystem, b.ecosystem) ||
      compareText(a.release, b.release) ||
      compareText(a.name, b.name) ||
      compareText(a.scheme, b.scheme),
  );

  const aliases = new Set([
    ...stringList(doc, 'aliases', warn),
    ...stringList(doc, 'upstream', warn),
  ]);
  aliases.delete(id);

  const record: AdvisoryRecord = {
    id,
    source: 'osv',
    aliases: [...aliases].sort(compareText),
    cvss: [...cvss.values()].sort(
      (a, b) => compareText(a.version, b.version) || compareText(a.vector, b.vector),
    ),
    references: referenceUrls(field(doc, 'references'), warn),
    affected,
  };
  for (const key of ['summary', 'details', 'published', 'modified', 'withdrawn'] as const) {
    const value = optionalString(doc, key, warn);
    if (value !== undefined) record[key] = value;
  }
  const severity = levelOf(field(objectField(doc, 'database_specific'), 'severity')) ?? topSeverity;
  if (severity) record.severity = severity;
  return record;
}

/** One `affected` entry as one package, or two when its SEMVER ranges compare by another scheme than the rest. */
function convertAffected(
  entry: unknown,
  database: string,
  cvss: Map<string, CvssScore>,
  warn: Warn,
): AffectedPackage[] {
  if (!isObject(entry)) throw new AffectedProblem(`not an object: got ${describe(entry)}`);
  const pkg = field(entry, 'package');
  // Without a package (OSS-Fuzz style GIT-only entries) nothing installed can ever be named by it.
  if (pkg === undefined) return [];
  if (!isObject(pkg)) throw new AffectedProblem(`package is not an object: got ${describe(pkg)}`);
  const ecosystemText = field(pkg, 'ecosystem');
  const rawName = field(pkg, 'name');
  if (typeof ecosystemText !== 'string' || ecosystemText.trim() === '') {
    throw new AffectedProblem('package has no ecosystem');
  }
  if (typeof rawName !== 'string' || rawName.trim() === '') {
    throw new AffectedProblem('package has no name');
  }
  const { ecosystem, release } = splitEcosystem(ecosystemText);
  const name = normalizePackageName(ecosystem, rawName);
  const ecosystemScheme = schemeOfEcosystem(ecosystem);

  const versions = field(entry, 'versions') ?? [];
  if (!Array.isArray(versions) || !versions.every((v) => typeof v === 'string')) {
    throw new AffectedProblem(`${rawName}: versions is not a list of strings`);
  }
  const rangeList = field(entry, 'ranges') ?? [];
  if (!Array.isArray(rangeList)) throw new AffectedProblem(`${rawName}: ranges is not an array`);

  // Warnings about an entry that is kept; an entry left out gets only the one that says why.
  const notes: string[] = [];
  const rangesByScheme = new Map<string, AffectedRange[]>();
  for (const range of rangeList) {
    if (!isObject(range)) throw new AffectedProblem(`${rawName}: a range is not an object`);
    const type = field(range, 'type');
    const events = field(range, 'events');
    if (!Array.isArray(events) || events.length === 0) {
      throw new AffectedProblem(`${rawName}: a range with no events`);
    }
    // Commit ranges need the repository's history; the enumerated `versions` carry what they mean for matching.
    if (type === 'GIT') continue;
    let scheme: string;
    if (type === 'ECOSYSTEM') scheme = ecosystemScheme;
    else if (type === 'SEMVER') scheme = semverScheme(ecosystem);
    else throw new AffectedProblem(`${rawName}: unknown range type ${describe(type)}`);
    const intervals = intervalsOf(events, rawName, notes);
    const list = rangesByScheme.get(scheme) ?? [];
    list.push(...intervals);
    rangesByScheme.set(scheme, list);
  }

  notes.forEach(warn);
  // Read first and always: its CVSS entries belong to the record whatever level the package has.
  const ratedLevel = readSeverity(
    field(entry, 'severity'),
    `${rawName}: severity`,
    database,
    cvss,
    warn,
  );
  const severity =
    levelOf(field(objectField(entry, 'ecosystem_specific'), 'severity')) ??
    levelOf(field(objectField(entry, 'ecosystem_specific'), 'urgency')) ??
    levelOf(field(objectField(entry, 'database_specific'), 'severity')) ??
    ratedLevel;

  const make = (scheme: string, ranges: AffectedRange[], withVersions: boolean) => {
    const out: AffectedPackage = {
      ecosystem,
      release,
      name,
      scheme,
      ranges,
      versions: withVersions ? [...(versions as string[])] : [],
    };
    if (severity) out.severity = severity;
    return out;
  };
  if (rangesByScheme.size === 0) return [make(ecosystemScheme, [], true)];
  // `versions` are the ecosystem's own version strings: they go with the ecosystem's scheme when it has ranges.
  const versionsScheme = rangesByScheme.has(ecosystemScheme)
    ? ecosystemScheme
    : [...rangesByScheme.keys()][0];
  return [...rangesByScheme].map(([scheme, ranges]) =>
    make(scheme, ranges, scheme === versionsScheme),
  );
}

const EVENT_KINDS = ['introduced', 'fixed', 'last_affected', 'limit'] as const;

/**
 * Events taken in the order given (the schema recommends sorted events; pypa and the Go database write
 * introduced/fixed pairs): `introduced` opens an interval, `fixed` closes it exclusively, `last_affected`
 * inclusively; an interval never closed has no fix. `limit` only bounds GIT ranges and is ignored.
 */
function intervalsOf(events: unknown[], pkg: string, notes: string[]): AffectedRange[] {
  const ranges: AffectedRange[] = [];
  let open: AffectedRange | undefined;
  let introducedSeen = false;
  for (const event of events) {
    if (!isObject(event)) throw new AffectedProblem(`${pkg}: an event is not an object`);
    const kinds = EVENT_KINDS.filter((kind) => Object.hasOwn(event, kind));
    if (kinds.length !== 1) {
      const keys = Object.keys(event).join(', ') || 'nothing';
      throw new AffectedProblem(
        kinds.length === 0
          ? `${pkg}: an event of an unknown kind (${keys})`
          : `${pkg}: an event with several kinds (${keys})`,
      );
    }
    const kind = kinds[0]!;
    const version = event[kind];
    if (typeof version !== 'string' || version === '') {
      throw new AffectedProblem(
        `${pkg}: ${kind} is not a version string: got ${describe(version)}`,
      );
    }
    if (kind === 'limit') continue;
    if (kind === 'introduced') {
      introducedSeen = true;
      // A second introduced while one is open changes nothing: the earlier one already covers it.
      if (!open) ranges.push((open = { introduced: version }));
      continue;
    }
    if (!open) {
      notes.push(`${pkg}: ${kind} ${version} with no open introduced before it: ignored`);
      continue;
    }
    if (kind === 'fixed') open.fixed = version;
    else open.lastAffected = version;
    open = undefined;
  }
  if (!introducedSeen) throw new AffectedProblem(`${pkg}: a range with no introduced event`);
  return ranges;
}

/**
 * Reads a `severity` array: CVSS entries go into `cvss` (deduplicated by vector), and the level of an 'Ubuntu'
 * entry (schema 1.7) is returned. OSV's `score` holds the vector, so only v3 vectors get a score, computed.
 */
function readSeverity(
  value: unknown,
  where: string,
  database: string,
  cvss: Map<string, CvssScore>,
  warn: Warn,
): Severity | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    warn(`${where} is not an array: ignored`);
    return undefined;
  }
  let level: Severity | undefined;
  for (const entry of value) {
    const type = isObject(entry) ? field(entry, 'type') : undefined;
    const score = isObject(entry) ? field(entry, 'score') : undefined;
    if (typeof type !== 'string' || typeof score !== 'string') {
      warn(`${where}: an entry without a type and score string: ignored`);
      continue;
    }
    if (type === 'Ubuntu') {
      level ??= levelOf(score);
      continue;
    }
    const major = /^CVSS_V([234])$/.exec(type)?.[1];
    if (!major) continue; // a rating system Seawall does not read
    const vector = score.trim();
    const version = /^CVSS:(\d+\.\d+)\//.exec(vector)?.[1] ?? (major === '2' ? '2.0' : undefined);
    if (version === undefined || !version.startsWith(major)) {
      warn(`${where}: ${type} vector ${JSON.stringify(vector)} is not a CVSS v${major} vector`);
      continue;
    }
    const computed = version.startsWith('3.') ? cvss3BaseScore(vector) : undefined;
    if (version.startsWith('3.') && computed === undefined) {
      warn(`${where}: invalid CVSS vector ${JSON.stringify(vector)}: kept without a score`);
    }
    const out: CvssScore = { version, vector, source: database };
    if (computed !== undefined) out.score = computed;
    cvss.set(`${version} ${vector}`, out);
  }
  return level;
}

/** Vendor levels as GHSA, Debian, Ubuntu and Red Hat write them; anything else ('not yet assigned') is no level. */
function levelOf(value: unknown): Severity | undefined {
  if (typeof value !== 'string') return undefined;
  // The Debian tracker marks a guessed urgency with trailing stars ('low**').
  switch (value.trim().replace(/\*+$/, '').toLowerCase()) {
    case 'critical':
      return 'critical';
    case 'high':
    case 'important':
      return 'high';
    case 'medium':
    case 'moderate':
      return 'medium';
    case 'low':
      return 'low';
    case 'negligible':
    case 'unimportant':
      return 'negligible';
    default:
      return undefined;
  }
}

/** The rating database an id's prefix names, as CvssScore.source records it. */
function databaseOfId(id: string): string {
  const prefix = id.split('-', 1)[0]!.toUpperCase();
  switch (prefix) {
    case 'GHSA':
      return 'ghsa';
    case 'PYSEC':
      return 'pypa';
    case 'GO':
      return 'go';
    case 'DSA':
    case 'DLA':
    case 'DTSA':
    case 'DEBIAN':
      return 'debian';
    case 'USN':
    case 'UBUNTU':
      return 'ubuntu';
    default:
      return prefix.toLowerCase();
  }
}

const SCHEMES: ReadonlyMap<string, string> = new Map([
  ['Debian', 'deb'],
  ['Ubuntu', 'deb'],
  ['Alpine', 'apk'],
  ['Wolfi', 'apk'],
  ['Chainguard', 'apk'],
  ['Red Hat', 'rpm'],
  ['Rocky Linux', 'rpm'],
  ['AlmaLinux', 'rpm'],
  ['SUSE', 'rpm'],
  ['openSUSE', 'rpm'],
  ['Mageia', 'rpm'],
  ['Photon OS', 'rpm'],
  ['Azure Linux', 'rpm'],
  ['openEuler', 'rpm'],
  ['PyPI', 'pep440'],
  ['npm', 'semver'],
  ['Go', 'go'],
  ['Maven', 'maven'],
  ['crates.io', 'cargo'],
  ['RubyGems', 'gem'],
  ['NuGet', 'nuget'],
  ['Packagist', 'composer'],
]);

/** How an ECOSYSTEM range compares; '' for an ecosystem Seawall cannot order (stored, never matched). */
function schemeOfEcosystem(ecosystem: string): string {
  return SCHEMES.get(ecosystem) ?? '';
}

/** Go and Cargo versions are SemVer with their own twists, which their schemes know; everyone else's are plain SemVer. */
function semverScheme(ecosystem: string): string {
  if (ecosystem === 'Go') return 'go';
  if (ecosystem === 'crates.io') return 'cargo';
  return 'semver';
}

/**
 * 'Debian:11' (or 'Debian:bullseye') -> Debian '11', 'Alpine:v3.18' -> Alpine 'v3.18', 'Ubuntu:Pro:18.04:LTS' -> Ubuntu '18.04' (the Pro
 * and LTS marks describe the channel, not the release an image reports), 'Red Hat:rhel_aus:8.4::appstream' -> the
 * remainder as written; '' without a suffix.
 */
export function splitEcosystem(text: string): { ecosystem: string; release: string } {
  const colon = text.indexOf(':');
  const ecosystem = (colon < 0 ? text : text.slice(0, colon)).trim();
  const rest = colon < 0 ? '' : text.slice(colon + 1).trim();
  if (ecosystem === 'Debian') {
    return { ecosystem, release: debianReleaseNumber(rest) ?? rest };
  }
  if (ecosystem === 'Ubuntu') {
    const parts = rest.split(':').filter((part) => part !== '' && part !== 'Pro' && part !== 'LTS');
    return { ecosystem, release: parts.find((part) => /^\d+\.\d+$/.test(part)) ?? parts.join(':') };
  }
  if (ecosystem === 'Alpine') {
    return { ecosystem, release: /^\d+\.\d+$/.test(rest) ? `v${rest}` : rest };
  }
  if (ecosystem === 'Red Hat') {
    // 'Red Hat:enterprise_linux:9::appstream': the major release is what an installed system can be matched by.
    const major = /(?:^|:)enterprise_linux:(\d+)/.exec(rest)?.[1];
    return { ecosystem, release: major ?? rest };
  }
  if (ecosystem === 'Rocky Linux' || ecosystem === 'AlmaLinux') {
    return { ecosystem, release: /^(\d+)/.exec(rest)?.[1] ?? rest };
  }
  return { ecosystem, release: rest };
}

function referenceUrls(value: unknown, warn: Warn): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    warn('references is not an array: ignored');
    return [];
  }
  const urls = new Set<string>();
  for (const reference of value) {
    const url = isObject(reference) ? field(reference, 'url') : undefined;
    if (typeof url === 'string' && url !== '') urls.add(url);
  }
  return [...urls].sort(compareText);
}

function stringList(doc: JsonObject, key: string, warn: Warn): string[] {
  const value = field(doc, key);
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    warn(`${key} is not an array: ignored`);
    return [];
  }
  const strings = value.filter((item): item is string => typeof item === 'string' && item !== '');
  if (strings.length !== value.length) warn(`${key}: entries that are not ids ignored`);
  return strings;
}

function optionalString(doc: JsonObject, key: string, warn: Warn): string | undefined {
  const value = field(doc, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    warn(`${key} is not a string: ignored`);
    return undefined;
  }
  return value === '' ? undefined : value;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own properties only, so a key like 'constructor' never reads Object.prototype. */
function field(obj: JsonObject | undefined, key: string): unknown {
  return obj && Object.hasOwn(obj, key) ? obj[key] : undefined;
}

function objectField(obj: JsonObject, key: string): JsonObject | undefined {
  const value = field(obj, key);
  return isObject(value) ? value : undefined;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  return typeof value === 'object' ? 'an object' : String(value);
}
