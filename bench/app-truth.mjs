// The application-package ground truth of a root filesystem, derived by the bench itself (never by a scanner
// under test): dpkg's own database through dpkg-query, then one walk of the tree reading each ecosystem's
// installed metadata. Formats: dpkg-query(1); Python core metadata
// (https://packaging.python.org/en/latest/specifications/core-metadata/) with PEP 503 names; npm package.json
// (https://docs.npmjs.com/cli/v10/configuring-npm/package-json); RubyGems specifications/NAME-VERSION.gemspec;
// Maven pom.properties inside jars (https://maven.apache.org/shared/maven-archiver/); Go build info
// (https://pkg.go.dev/debug/buildinfo); cargo-auditable .dep-v0 (https://github.com/rust-secure-code/cargo-auditable);
// Composer vendor/composer/installed.json; .NET *.deps.json.

import { spawnSync } from 'node:child_process';
import { closeSync, lstatSync, openSync, readFileSync, readSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { packageKey } from './app-keys.mjs';
import { zipEntries } from './zip-entries.mjs';

/** Archives a JVM loads classes from; nested ones are opened to this depth. */
const JAVA_ARCHIVE = /\.(jar|war|ear|hpi|jpi|par|sar|rar)$/i;
const MAX_ARCHIVE_DEPTH = 3;
/** Debian installs Node.js modules outside any node_modules folder, in Node's global folders. */
const NODE_GLOBAL_DIRS = ['usr/share/nodejs', 'usr/lib/nodejs'];
const GO_BUILDINFO_MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');

/**
 * @typedef {{ type: string, name: string, version: string }} PackageId
 * @typedef {PackageId & { key: string, paths: string[], alternatives?: string[] }} TruthEntry
 * @typedef {{ type: string, name: string, key: string, why: string, paths: string[] }} NeutralEntry
 * @typedef {{ packages: TruthEntry[], neutral: NeutralEntry[], debSources: string[], notes: string[] }} GroundTruth
 */

/**
 * Every package with metadata in ROOT. `packages` must be found; `neutral` entries are things a tool may report
 * or leave out without penalty (an application's own manifest, a Go main module built outside module mode, a
 * jar with no Maven coordinates: any identity a tool gives them is a guess the truth cannot check).
 * @param {string} root
 * @returns {GroundTruth}
 */
export function deriveGroundTruth(root) {
  const truth = new Map();
  const neutral = new Map();
  const notes = [];
  const addPackage = (id, path, alternatives) => {
    const key = packageKey(id);
    const entry = truth.get(key) ?? { ...id, key, paths: [] };
    if (!entry.paths.includes(path)) entry.paths.push(path);
    if (alternatives?.length)
      entry.alternatives = [...new Set([...(entry.alternatives ?? []), ...alternatives])];
    truth.set(key, entry);
  };
  const addNeutral = (type, name, why, path) => {
    const key = `${type}:${name.toLowerCase()}`;
    const entry = neutral.get(key) ?? { type, name, key, why, paths: [] };
    if (!entry.paths.includes(path)) entry.paths.push(path);
    neutral.set(key, entry);
  };
  const ctx = { root, addPackage, addNeutral, notes };

  const debSources = new Set();
  for (const { source, ...id } of dpkgPackages(root, notes)) {
    addPackage(id, 'var/lib/dpkg/status');
    debSources.add(packageKey({ type: 'deb', ...source }));
  }
  walk(root, '', ctx);

  const byKey = (a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  for (const entry of truth.values()) entry.paths.sort();
  return {
    packages: [...truth.values()].sort(byKey),
    neutral: [...neutral.values()].sort(byKey),
    debSources: [...debSources].sort(),
    notes: [...new Set(notes)].sort(),
  };
}

/**
 * dpkg's answer for installed packages (its status file is the only metadata a deb package has), each with the
 * source package it was built from, so that a tool listing source packages can be told apart from one inventing.
 */
function dpkgPackages(root, notes) {
  const admindir = join(root, 'var/lib/dpkg');
  const run = spawnSync(
    'dpkg-query',
    [
      '--admindir',
      admindir,
      '-W',
      '-f',
      '${db:Status-Status}\t${Package}\t${Version}\t${source:Package}\t${source:Version}\n',
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (run.error || run.status !== 0) {
    notes.push(`deb: dpkg-query failed (${run.error?.message ?? run.stderr.trim()}); no deb truth`);
    return [];
  }
  return run.stdout
    .split('\n')
    .map((line) => line.split('\t'))
    .filter(([status]) => status === 'installed')
    .map(([, name, version, sourceName, sourceVersion]) => ({
      type: 'deb',
      name,
      version,
      source: { name: sourceName, version: sourceVersion },
    }));
}

/** One depth-first walk over the tree, never following symbolic links (each file is seen at its real place). */
function walk(root, rel, ctx) {
  let entries;
  try {
    entries = readdirSync(join(root, rel), { withFileTypes: true });
  } catch (error) {
    ctx.notes.push(`walk: cannot read ${rel || '/'}: ${error.code ?? error.message}`);
    return;
  }
  for (const entry of entries) {
    const path = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!rel && ['proc', 'sys', 'dev'].includes(entry.name)) continue;
      if (entry.name.endsWith('.dist-info') || entry.name.endsWith('.egg-info')) {
        readPythonMetadata(root, path, ctx);
      }
      walk(root, path, ctx);
    } else if (entry.isFile()) {
      inspectFile(root, path, entry.name, ctx);
    }
  }
}

function inspectFile(root, path, name, ctx) {
  if (name === 'package.json') readNpmPackage(root, path, ctx);
  else if (name.endsWith('.egg-info')) readPythonMetadata(root, path, ctx);
  else if (name.endsWith('.gemspec') && /(^|\/)specifications(\/default)?$/.test(dirname(path))) {
    readGemspecName(path, name, ctx);
  } else if (JAVA_ARCHIVE.test(name)) readJavaArchive(root, path, ctx);
  else if (name === 'installed.json' && path.endsWith('vendor/composer/installed.json')) {
    readComposerInstalled(root, path, ctx);
  } else if (name.endsWith('.deps.json')) readDotnetDeps(root, path, ctx);
  else readElf(root, path, ctx);
}

// --- Python ---------------------------------------------------------------------------------------------------

/** A .dist-info or .egg-info directory (METADATA / PKG-INFO inside), or an .egg-info file (PKG-INFO itself). */
function readPythonMetadata(root, path, ctx) {
  const isDir = lstatSync(join(root, path)).isDirectory();
  const file = isDir ? join(path, path.endsWith('.dist-info') ? 'METADATA' : 'PKG-INFO') : path;
  let text;
  try {
    text = readFileSync(join(root, file), 'utf8');
  } catch {
    ctx.notes.push(`pypi: ${path} has no readable metadata file`);
    return;
  }
  const headers = parseRfc822Headers(text);
  const name = headers.get('name');
  const version = headers.get('version');
  if (!name || !version) {
    ctx.notes.push(`pypi: ${file} lacks Name or Version`);
    return;
  }
  ctx.addPackage({ type: 'pypi', name, version }, path);
}

function parseRfc822Headers(text) {
  const headers = new Map();
  for (const line of text.split(/\r?\n/)) {
    if (line === '') break;
    const match = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
    if (match && !headers.has(match[1].toLowerCase()))
      headers.set(match[1].toLowerCase(), match[2].trim());
  }
  return headers;
}

// --- npm ------------------------------------------------------------------------------------------------------

/**
 * A package.json counts only at a package root: a folder directly inside node_modules (or inside a scope folder
 * there), or one of Node's global folders. Anywhere else it is a project's own manifest, a test fixture or a
 * sub-path `{"type":"module"}` marker, and Node would never load it as a package.
 */
function readNpmPackage(root, path, ctx) {
  const dir = dirname(path);
  const parent = dirname(dir);
  const inScope = basename(parent).startsWith('@');
  const container = inScope ? dirname(parent) : parent;
  const atPackageRoot =
    basename(container) === 'node_modules' || NODE_GLOBAL_DIRS.includes(container);
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(root, path), 'utf8'));
  } catch {
    if (atPackageRoot) ctx.notes.push(`npm: ${path} is not valid JSON`);
    return;
  }
  const { name, version } = manifest ?? {};
  if (typeof name !== 'string' || typeof version !== 'string') return;
  if (atPackageRoot) {
    ctx.addPackage({ type: 'npm', name, version }, path);
  } else if (readdirSync(join(root, dir)).includes('node_modules')) {
    // An application folder with its dependencies installed: its own manifest names the application.
    ctx.addNeutral('npm', name, 'the application whose node_modules these are', path);
  }
}

// --- Ruby -----------------------------------------------------------------------------------------------------

/** RubyGems names every installed specification NAME-VERSION[-PLATFORM].gemspec; the version starts with a digit. */
function readGemspecName(path, fileName, ctx) {
  const match = /^(.+?)-(\d[^-]*)(?:-.+)?\.gemspec$/.exec(fileName);
  if (!match) {
    ctx.notes.push(`gem: cannot split ${path} into name and version`);
    return;
  }
  ctx.addPackage({ type: 'gem', name: match[1], version: match[2] }, path);
}

// --- Java -----------------------------------------------------------------------------------------------------

function readJavaArchive(root, path, ctx) {
  let bytes;
  try {
    bytes = readFileSync(join(root, path));
  } catch (error) {
    ctx.notes.push(`maven: cannot read ${path}: ${error.code ?? error.message}`);
    return;
  }
  readArchiveBytes(bytes, path, 0, ctx);
}

/** Every pom.properties in the archive is an artifact it carries (a shaded jar carries several); nested archives too. */
function readArchiveBytes(bytes, path, depth, ctx) {
  let files;
  try {
    files = zipEntries(
      bytes,
      (name) =>
        /^META-INF\/maven\/[^/]+\/[^/]+\/pom\.properties$/.test(name) ||
        (depth < MAX_ARCHIVE_DEPTH && JAVA_ARCHIVE.test(name)),
    );
  } catch (error) {
    ctx.notes.push(`maven: ${path} is not a readable zip (${error.message})`);
    return;
  }
  let identified = false;
  for (const [name, content] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (name.endsWith('pom.properties')) {
      const props = parseProperties(content.toString('utf8'));
      const group = props.get('groupId');
      const artifact = props.get('artifactId');
      const version = props.get('version');
      if (group && artifact && version) {
        ctx.addPackage(
          { type: 'maven', name: `${group}/${artifact}`, version },
          `${path}!/${name}`,
        );
        identified = true;
      } else {
        ctx.notes.push(`maven: ${path}!/${name} lacks groupId, artifactId or version`);
      }
    } else {
      readArchiveBytes(content, `${path}!/${name}`, depth + 1, ctx);
    }
  }
  if (!identified) {
    // No Maven coordinates: a name from the file name or manifest would be a guess the truth cannot verify.
    const artifact = basename(path)
      .replace(JAVA_ARCHIVE, '')
      .replace(/-\d[\w.+~-]*$/, '');
    ctx.addNeutral('maven', artifact, 'a Java archive without pom.properties', path);
  }
}

function parseProperties(text) {
  const props = new Map();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('!')) continue;
    const match = /^((?:\\.|[^=:\s\\])+)\s*[=:\s]\s*(.*)$/.exec(line);
    if (match) props.set(match[1].replace(/\\(.)/g, '$1'), match[2].replace(/\\(.)/g, '$1'));
  }
  return props;
}

// --- PHP and .NET ---------------------------------------------------------------------------------------------

/** Composer 1 wrote a bare array; Composer 2 writes `{ "packages": [...] }`. */
function readComposerInstalled(root, path, ctx) {
  let doc;
  try {
    doc = JSON.parse(readFileSync(join(root, path), 'utf8'));
  } catch {
    ctx.notes.push(`composer: ${path} is not valid JSON`);
    return;
  }
  const list = Array.isArray(doc) ? doc : doc?.packages;
  for (const pkg of Array.isArray(list) ? list : []) {
    if (typeof pkg?.name === 'string' && typeof pkg?.version === 'string') {
      ctx.addPackage({ type: 'composer', name: pkg.name, version: pkg.version }, path);
    }
  }
}

function readDotnetDeps(root, path, ctx) {
  let doc;
  try {
    doc = JSON.parse(readFileSync(join(root, path), 'utf8'));
  } catch {
    ctx.notes.push(`nuget: ${path} is not valid JSON`);
    return;
  }
  for (const [nameVersion, library] of Object.entries(doc?.libraries ?? {})) {
    if (library?.type !== 'package') continue;
    const at = nameVersion.lastIndexOf('/');
    if (at > 0) {
      ctx.addPackage(
        { type: 'nuget', name: nameVersion.slice(0, at), version: nameVersion.slice(at + 1) },
        path,
      );
    }
  }
}

// --- ELF: Go build info and cargo-auditable -------------------------------------------------------------------

function readElf(root, path, ctx) {
  const full = join(root, path);
  const head = Buffer.alloc(4);
  const fd = openSync(full, 'r');
  try {
    if (readSync(fd, head, 0, 4, 0) < 4 || head.toString('latin1') !== '\x7fELF') return;
  } finally {
    closeSync(fd);
  }
  const bytes = readFileSync(full);
  readGoBuildInfo(bytes, path, ctx);
  readCargoAuditable(bytes, path, ctx);
}

/**
 * Go 1.18+ writes the version and module list inline after the 32-byte header (flag bit 2); older toolchains
 * store pointers into the data segment, which this reader does not follow (noted, not guessed).
 */
function readGoBuildInfo(bytes, path, ctx) {
  const at = bytes.indexOf(GO_BUILDINFO_MAGIC);
  if (at < 0) return;
  const flags = bytes[at + 15];
  if ((flags & 2) === 0) {
    ctx.notes.push(`golang: ${path} has pre-Go-1.18 build info (pointer form), not read`);
    return;
  }
  let offset = at + 32;
  const readString = () => {
    let length = 0;
    let shift = 0;
    for (;;) {
      const byte = bytes[offset++];
      length += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (byte < 0x80) break;
    }
    const text = bytes.toString('utf8', offset, offset + length);
    offset += length;
    return text;
  };
  const goVersion = readString().split(' ')[0];
  const modinfo = readString();
  ctx.addPackage({ type: 'golang', name: 'stdlib', version: goVersion.replace(/^go/, 'v') }, path);
  // The module lines sit between two 16-byte sentinels; tab-separated: kind, path, version, sum.
  const lines = modinfo.length > 32 ? modinfo.slice(16, -16).split('\n') : [];
  for (let i = 0; i < lines.length; i++) {
    const [kind, modPath, version] = lines[i].split('\t');
    if (kind === 'path' && !lines.some((line) => line.startsWith('mod\t'))) {
      ctx.addNeutral(
        'golang',
        modPath,
        'a Go main package built outside module mode (no version)',
        path,
      );
    }
    if (kind !== 'mod' && kind !== 'dep') continue;
    const replacement = lines[i + 1]?.startsWith('=>\t') ? lines[i + 1].split('\t') : null;
    if (kind === 'mod' && (!version || version === '(devel)')) {
      ctx.addNeutral('golang', modPath, 'a Go main module without a released version', path);
      continue;
    }
    // A replaced module may fairly be reported under either name or version; any of them credits the entry.
    const alternatives = replacement
      ? [
          packageKey({ type: 'golang', name: modPath, version: replacement[2] }),
          packageKey({ type: 'golang', name: replacement[1], version: replacement[2] }),
        ]
      : undefined;
    ctx.addPackage({ type: 'golang', name: modPath, version }, path, alternatives);
  }
}

/** The `.dep-v0` section holds zlib-compressed JSON: `{ "packages": [{ "name", "version", ... }] }`. */
function readCargoAuditable(bytes, path, ctx) {
  const section = elf64Section(bytes, '.dep-v0');
  if (!section) return;
  try {
    const doc = JSON.parse(inflateSync(section).toString('utf8'));
    for (const pkg of doc.packages ?? []) {
      if (typeof pkg.name === 'string' && typeof pkg.version === 'string') {
        ctx.addPackage({ type: 'cargo', name: pkg.name, version: pkg.version }, path);
      }
    }
  } catch (error) {
    ctx.notes.push(`cargo: ${path} has an unreadable .dep-v0 section (${error.message})`);
  }
}

/** The bytes of a named section of a little-endian ELF64 file (the only kind on this amd64 machine), or null. */
function elf64Section(bytes, wanted) {
  if (bytes.length < 64 || bytes[4] !== 2 || bytes[5] !== 1) return null;
  const shoff = Number(bytes.readBigUInt64LE(0x28));
  const shentsize = bytes.readUInt16LE(0x3a);
  const shnum = bytes.readUInt16LE(0x3c);
  const shstrndx = bytes.readUInt16LE(0x3e);
  if (shoff === 0 || shoff + shnum * shentsize > bytes.length || shstrndx >= shnum) return null;
  const header = (index) => {
    const base = shoff + index * shentsize;
    return {
      name: bytes.readUInt32LE(base),
      offset: Number(bytes.readBigUInt64LE(base + 0x18)),
      size: Number(bytes.readBigUInt64LE(base + 0x20)),
    };
  };
  const names = header(shstrndx);
  for (let i = 0; i < shnum; i++) {
    const candidate = header(i);
    const start = names.offset + candidate.name;
    const end = bytes.indexOf(0, start);
    if (bytes.toString('latin1', start, end) === wanted) {
      return bytes.subarray(candidate.offset, candidate.offset + candidate.size);
    }
  }
  return null;
}
