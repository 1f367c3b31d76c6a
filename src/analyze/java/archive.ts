// Walks one Java archive (jar, war, ear, ...) and the archives nested in it, naming the artifacts each holds, within
// depth and size limits so that no archive, however built, costs more memory or time than the limits allow.
// Layouts: WAR (Servlet spec, WEB-INF/lib), EAR (Jakarta EE, lib/ and modules), Spring Boot (BOOT-INF/lib); zip per zip.ts.

import { messageOf } from '../../errors.js';
import { identifyArchive, type ArchiveMetadata, type JavaIdentity } from './identify.js';
import { parseManifestMainSection, type ManifestAttributes } from './manifest.js';
import { parsePomProperties, pomPropertiesPathCoordinates } from './pom-properties.js';
import {
  listZipEntries,
  looksLikeZip,
  readZipEntry,
  readZipEntryPrefix,
  type ZipEntry,
} from './zip.js';

export interface ArchiveLimits {
  /** Archives nested deeper than this are not opened; the file itself is level 1 (an ear's war's jar is level 3). */
  maxDepth: number;
  /** A nested archive bigger than this, uncompressed, is not opened (it would be held in memory whole). */
  maxNestedBytes: number;
  /** All nested archives of one file together inflate to no more than this (a bomb of many small bombs). */
  maxInflatedBytes: number;
}

export interface JavaArtifactRecord extends JavaIdentity {
  /** The nested archive it was found in, inside the file ('' for the file itself); levels joined by `!/`. */
  archive: string;
}

/** File name endings of Java archives (zip files); .rar is also RAR's, so one is only read when it starts as a zip. */
export const JAVA_ARCHIVE_EXTENSIONS: ReadonlySet<string> = new Set([
  'jar',
  'war',
  'ear',
  'jpi',
  'hpi',
  'par',
  'sar',
  'rar',
]);

const MANIFEST_PATH = 'META-INF/MANIFEST.MF';
const MAX_POM_PROPERTIES_BYTES = 64 * 1024;
/** A manifest's main section comes first; a signed jar's per-class digests after it can run to megabytes. */
const MAX_MANIFEST_COMPRESSED = 64 * 1024;
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
const NAMES_SHOWN = 3;

interface Walk {
  limits: ArchiveLimits;
  inflated: number;
  warn(message: string): void;
  records: JavaArtifactRecord[];
}

/**
 * The artifacts in the archive `content` named `fileName` and in the archives nested in it. Damage is reported
 * through `warn` (naming the nested archive, if it is one) and whatever could be read is still returned.
 */
export function readJavaArchive(
  content: Buffer,
  fileName: string,
  limits: ArchiveLimits,
  warn: (message: string) => void,
): JavaArtifactRecord[] {
  const walk: Walk = { limits, inflated: 0, warn, records: [] };
  if (fileName.toLowerCase().endsWith('.rar') && !looksLikeZip(content)) return [];
  readLevel(walk, content, fileName, '', 1);
  return walk.records;
}

function readLevel(walk: Walk, data: Buffer, fileName: string, chain: string, depth: number): void {
  const where = chain ? `${chain}: ` : '';
  const warn = (message: string) => walk.warn(`${where}${message}`);
  let entries: ZipEntry[];
  try {
    const listing = listZipEntries(data, isInterestingName);
    if (listing.damage) warn(listing.damage);
    entries = listing.entries;
  } catch (err) {
    warn(`not a readable zip archive: ${messageOf(err)}`);
    return;
  }

  const metadata: ArchiveMetadata = { fileName, poms: [] };
  const nested: ZipEntry[] = [];
  for (const entry of entries) {
    if (entry.name.endsWith(POM_PROPERTIES_SUFFIX)) {
      // Only META-INF/maven/GROUP/ARTIFACT/pom.properties is Maven's; other depths are someone's resources.
      if (!pomPropertiesPathCoordinates(entry.name)) continue;
      const coordinates = readPomProperties(data, entry, warn);
      if (coordinates) metadata.poms.push({ path: entry.name, coordinates });
    } else if (entry.name.toUpperCase() === MANIFEST_PATH) {
      metadata.manifest ??= readManifest(data, entry, warn);
    } else nested.push(entry);
  }
  for (const identity of identifyArchive(metadata))
    walk.records.push({ ...identity, archive: chain });

  if (nested.length === 0) return;
  if (depth >= walk.limits.maxDepth) {
    warn(
      `${nested.length} nested archives not read: level ${depth + 1} is over the depth limit of ${walk.limits.maxDepth} (${listNames(nested)})`,
    );
    return;
  }
  for (const entry of nested.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)))
    readNested(walk, data, entry, chain, depth, warn);
}

function readNested(
  walk: Walk,
  data: Buffer,
  entry: ZipEntry,
  chain: string,
  depth: number,
  warn: (message: string) => void,
): void {
  const { maxNestedBytes, maxInflatedBytes } = walk.limits;
  const skip = (reason: string) => warn(`${entry.name}: nested archive not read: ${reason}`);
  if (entry.size > maxNestedBytes) {
    skip(`${entry.size} bytes uncompressed is over the limit of ${maxNestedBytes}`);
    return;
  }
  const inflates = entry.method !== 0;
  if (inflates && walk.inflated + entry.size > maxInflatedBytes) {
    skip(`the file's nested archives would inflate to more than ${maxInflatedBytes} bytes in all`);
    return;
  }
  let content: Buffer;
  try {
    content = readZipEntry(data, entry, maxNestedBytes);
  } catch (err) {
    skip(messageOf(err));
    return;
  }
  if (inflates) walk.inflated += content.length;
  const baseName = entry.name.slice(entry.name.lastIndexOf('/') + 1);
  if (baseName.toLowerCase().endsWith('.rar') && !looksLikeZip(content)) return;
  const inner = chain ? `${chain}!/${entry.name}` : entry.name;
  readLevel(walk, content, baseName, inner, depth + 1);
}

function readPomProperties(data: Buffer, entry: ZipEntry, warn: (message: string) => void) {
  try {
    // Properties files are ISO 8859-1 unless they say otherwise; coordinates are ASCII either way.
    const text = readZipEntry(data, entry, MAX_POM_PROPERTIES_BYTES).toString('latin1');
    return parsePomProperties(text, entry.name, warn);
  } catch (err) {
    warn(`${entry.name}: ${messageOf(err)}`);
    return undefined;
  }
}

function readManifest(
  data: Buffer,
  entry: ZipEntry,
  warn: (message: string) => void,
): ManifestAttributes | undefined {
  try {
    const { content, complete } = readZipEntryPrefix(
      data,
      entry,
      MAX_MANIFEST_COMPRESSED,
      MAX_MANIFEST_BYTES,
    );
    return parseManifestMainSection(
      content.toString('utf8'),
      (message) => warn(`${entry.name}: ${message}`),
      complete,
    );
  } catch (err) {
    warn(`${entry.name}: ${messageOf(err)}`);
    return undefined;
  }
}

function listNames(entries: readonly ZipEntry[]): string {
  const shown = entries.slice(0, NAMES_SHOWN).map((e) => e.name);
  if (entries.length > NAMES_SHOWN) shown.push(`${entries.length - NAMES_SHOWN} more`);
  return shown.join(', ');
}

const DOT = 0x2e;
const SLASH = 0x2f;
const MANIFEST_BYTES = Buffer.from(MANIFEST_PATH);
const POM_PREFIX = Buffer.from('META-INF/maven/');
const POM_PROPERTIES_SUFFIX = '/pom.properties';
const POM_SUFFIX = Buffer.from(POM_PROPERTIES_SUFFIX);
/** The extensions as numbers (three lower-cased bytes), so the test needs no string per entry. */
const EXTENSION_CODES = new Set(
  [...JAVA_ARCHIVE_EXTENSIONS].map((e) => extensionCode(Buffer.from(e), 0)),
);

/** The manifest, pom.properties files and nested archives: the only entries worth a string (or a read). */
function isInterestingName(data: Buffer, start: number, end: number): boolean {
  const length = end - start;
  if (length >= 5 && data[end - 4] === DOT && data[end - 5] !== SLASH)
    if (EXTENSION_CODES.has(extensionCode(data, end - 3))) return true;
  if (length === MANIFEST_BYTES.length)
    return data.subarray(start, end).toString('latin1').toUpperCase() === MANIFEST_PATH;
  return (
    length > POM_PREFIX.length + POM_SUFFIX.length &&
    data.compare(POM_PREFIX, 0, POM_PREFIX.length, start, start + POM_PREFIX.length) === 0 &&
    data.compare(POM_SUFFIX, 0, POM_SUFFIX.length, end - POM_SUFFIX.length, end) === 0
  );
}

function extensionCode(data: Buffer, at: number): number {
  return ((data[at]! | 0x20) << 16) | ((data[at + 1]! | 0x20) << 8) | (data[at + 2]! | 0x20);
}
