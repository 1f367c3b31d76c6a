// The 'dpkg' analyzer: Debian-family packages from dpkg's database, with their files, licences and dependency edges.
// Layout as dpkg keeps it (https://man7.org/linux/man-pages/man1/dpkg.1.html, FILES); modelled on Trivy's pkg/dpkg analyzer.

import type { License } from '../model/license.js';
import type { Package } from '../model/package.js';
import { type Analyzer, type AssembleInput, latestFact } from './analyzer.js';
import { licensesFromCopyright } from './dpkg/copyright.js';
import { resolveRelations } from './dpkg/dependencies.js';
import { parseDpkgFileList } from './dpkg/file-list.js';
import { comparePackages, compareText } from '../model/order.js';
import { introducingLayer, memoizedKeys, packageKey } from './introducing-layer.js';
import { parseDpkgStatus, type DpkgRecord } from './dpkg/status-parser.js';
import { debPackageUrl } from './purl.js';

export type DpkgFact =
  | { kind: 'status'; records: DpkgRecord[] }
  | { kind: 'files'; files: string[] }
  | { kind: 'copyright'; licenses: License[] };

const STATUS_FILE = 'var/lib/dpkg/status';
/** Distroless images have no status file but one stanza per package here (and NAME.md5sums beside it). */
const STATUS_DIR = 'var/lib/dpkg/status.d/';
const INFO_DIR = 'var/lib/dpkg/info/';
const DOC_COPYRIGHT = /^usr\/share\/doc\/[^/]+\/copyright$/;

export const dpkgAnalyzer: Analyzer<DpkgFact> = {
  name: 'dpkg',
  version: 1,
  wants(path) {
    if (path === STATUS_FILE) return true;
    if (isDirectChild(path, STATUS_DIR)) return true; // stanzas, and md5sums as file lists
    if (isDirectChild(path, INFO_DIR)) return path.endsWith('.list');
    return DOC_COPYRIGHT.test(path);
  },
  parse(file, warn) {
    const text = file.content.toString('utf8');
    if (file.path.endsWith('/copyright'))
      return { kind: 'copyright', licenses: licensesFromCopyright(text) };
    if (file.path.startsWith(INFO_DIR)) return { kind: 'files', files: parseDpkgFileList(text) };
    if (file.path.startsWith(STATUS_DIR) && file.path.endsWith('.md5sums')) {
      return { kind: 'files', files: parseDpkgFileList(md5sumsPaths(text)) };
    }
    return { kind: 'status', records: parseDpkgStatus(text, warn) };
  },
  assemble(input) {
    return { packages: assembleDpkgPackages(input) };
  },
};

interface Located {
  record: DpkgRecord;
  /** The status file or status.d file the record came from. */
  location: string;
  layer: number;
}

function assembleDpkgPackages(input: AssembleInput<DpkgFact>): Package[] {
  const nodes = installedRecords(input).map((located) => ({
    located,
    name: located.record.name,
    arch: located.record.arch,
    provides: located.record.provides,
    depends: located.record.depends,
  }));
  const packages: Package[] = [];
  for (const [node, targets] of resolveRelations(nodes)) {
    packages.push(
      toPackage(
        node.located,
        targets.map((t) => t.located),
        input,
      ),
    );
  }
  return packages.sort(comparePackages);
}

/** Records from the status file, then from status.d files in path order; a name:arch seen twice keeps the first. */
function installedRecords(input: AssembleInput<DpkgFact>): Located[] {
  const sources = [...input.facts.keys()]
    .filter((p) => p === STATUS_FILE || (isDirectChild(p, STATUS_DIR) && !p.endsWith('.md5sums')))
    .sort((a, b) => (a === STATUS_FILE ? -1 : b === STATUS_FILE ? 1 : compareText(a, b)));
  const seen = new Set<string>();
  const located: Located[] = [];
  const keysOf = memoizedKeys((fact: DpkgFact) =>
    fact.kind === 'status' ? fact.records.map(packageKey) : [],
  );
  for (const path of sources) {
    const versions = input.facts.get(path)!;
    const latest = versions[versions.length - 1]!.fact;
    if (latest.kind !== 'status') continue;
    for (const record of latest.records) {
      const key = `${record.name}:${record.arch ?? ''}`;
      if (seen.has(key)) {
        input.warn(
          `${path}: ${record.name}${record.arch ? `:${record.arch}` : ''} already listed; ignored here`,
        );
        continue;
      }
      seen.add(key);
      located.push({
        record,
        location: path,
        layer: introducingLayer(packageKey(record), versions, keysOf),
      });
    }
  }
  return located;
}

function toPackage(
  l: Located,
  targets: readonly Located[],
  input: AssembleInput<DpkgFact>,
): Package {
  const { record } = l;
  const purlOf = (r: DpkgRecord) => debPackageUrl(r.name, r.version, r.arch, input.os);
  const purl = purlOf(record);
  const dependsOn = [...new Set(targets.map((t) => purlOf(t.record)))]
    .filter((p) => p !== purl)
    .sort(compareText);
  const pkg: Package = {
    type: 'deb',
    name: record.name,
    version: record.version,
    source: { ...record.source },
    licenses: copyrightLicenses(record.name, input),
    purl,
    files: installedFiles(record, input),
    dependsOn,
    layer: l.layer,
    foundBy: 'dpkg',
    location: l.location,
  };
  if (record.arch) pkg.arch = record.arch;
  if (record.maintainer) pkg.maintainer = record.maintainer;
  if (record.description) pkg.description = record.description;
  return pkg;
}

/**
 * dpkg names the list NAME:ARCH.list for Multi-Arch: same packages and NAME.list otherwise; distroless images keep
 * status.d/NAME.md5sums instead. Directories the package owns are left out: Package.files lists files.
 */
function installedFiles(record: DpkgRecord, input: AssembleInput<DpkgFact>): string[] {
  const candidates = [
    ...(record.arch ? [`${INFO_DIR}${record.name}:${record.arch}.list`] : []),
    `${INFO_DIR}${record.name}.list`,
    `${STATUS_DIR}${record.name}.md5sums`,
  ];
  for (const path of candidates) {
    const fact = latestFact(input.facts.get(path));
    if (fact?.kind !== 'files') continue;
    return fact.files.filter((f) => input.tree.lstat(f)?.type !== 'dir');
  }
  return [];
}

/** usr/share/doc/NAME is often a symlink to the doc directory of the package's source sibling; the tree resolves it. */
function copyrightLicenses(name: string, input: AssembleInput<DpkgFact>): License[] {
  const resolved = input.tree.resolve(`usr/share/doc/${name}/copyright`);
  if (!resolved.ok) return [];
  const fact = latestFact(input.facts.get(resolved.path));
  return fact?.kind === 'copyright' ? fact.licenses.map((l) => ({ ...l })) : [];
}

/** md5sums lines are "<md5>  <path relative to the root>". */
function md5sumsPaths(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/^[0-9a-f]{32}\s+/i, ''))
    .join('\n');
}

function isDirectChild(path: string, dir: string): boolean {
  return path.startsWith(dir) && path.length > dir.length && !path.slice(dir.length).includes('/');
}
