// Reads the dependency list cargo-auditable embeds in Rust binaries: the `.dep-v0` section, zlib-compressed JSON.
// Format: https://github.com/rust-secure-code/cargo-auditable/blob/master/PARSING.md and cargo-auditable.schema.json

import { inflateSync } from 'node:zlib';
import { messageOf } from '../../errors.js';
import { findSection, sectionBytes, type ElfFile } from '../elf/elf-file.js';

export const AUDITABLE_SECTION = '.dep-v0';

/** cargo-auditable's own advice for parsers: 8 MiB holds any legitimate audit data; more is a zip bomb. */
export const MAX_AUDIT_JSON_BYTES = 8 * 1024 * 1024;

export interface AuditablePackage {
  name: string;
  version: string;
  /** `crates.io`, `git`, `local`, `registry`, or another source kind spelled as the binary says. */
  source: string;
  /** `build` for build-time-only dependencies (build scripts, proc-macros), whose code is not in the binary. */
  kind: 'build' | 'runtime';
  /** Indices into the package list. */
  dependencies: number[];
  root: boolean;
}

/**
 * The packages of a binary's `.dep-v0` section, undefined when it has none. Damage (a section outside the file,
 * compressed data that does not inflate or inflates past the bound, JSON not in the schema) is reported through warn.
 */
export function readAuditableSection(
  content: Buffer,
  elf: ElfFile,
  warn: (message: string) => void,
): AuditablePackage[] | undefined {
  const section = findSection(elf, AUDITABLE_SECTION);
  if (!section) return undefined;
  const compressed = sectionBytes(content, section);
  if (!compressed) {
    warn(`cargo-auditable section ${AUDITABLE_SECTION} lies outside the file`);
    return undefined;
  }
  let json: string;
  try {
    json = inflateSync(compressed, { maxOutputLength: MAX_AUDIT_JSON_BYTES }).toString('utf8');
  } catch (err) {
    const tooLarge = err instanceof RangeError;
    warn(
      tooLarge
        ? `cargo-auditable section ${AUDITABLE_SECTION} inflates past ${MAX_AUDIT_JSON_BYTES} bytes: not read`
        : `cargo-auditable section ${AUDITABLE_SECTION} is not zlib data (${messageOf(err)})`,
    );
    return undefined;
  }
  return parseAuditJson(json, warn);
}

/** The `packages` of the audit JSON, each checked against the schema; entries that break it are skipped and counted. */
export function parseAuditJson(
  json: string,
  warn: (message: string) => void,
): AuditablePackage[] | undefined {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (err) {
    warn(`cargo-auditable data is not JSON (${messageOf(err)})`);
    return undefined;
  }
  const list = isRecord(data) ? data.packages : undefined;
  if (!Array.isArray(list)) {
    warn('cargo-auditable data has no packages list');
    return undefined;
  }
  const packages: AuditablePackage[] = [];
  let skipped = 0;
  for (const entry of list) {
    const pkg = auditablePackage(entry, list.length);
    if (pkg) packages.push(pkg);
    else skipped++;
  }
  if (skipped > 0) warn(`cargo-auditable data: skipped ${skipped} malformed package entries`);
  // Indices refer to the list as written: with entries skipped they no longer line up, so the edges are dropped.
  if (skipped > 0) for (const p of packages) p.dependencies = [];
  return packages;
}

function auditablePackage(entry: unknown, count: number): AuditablePackage | undefined {
  if (!isRecord(entry)) return undefined;
  const { name, version, source, kind, dependencies, root } = entry;
  if (typeof name !== 'string' || name === '' || typeof version !== 'string' || version === '')
    return undefined;
  const sourceName = sourceKind(source);
  if (sourceName === undefined) return undefined;
  if (kind !== undefined && kind !== 'build' && kind !== 'runtime') return undefined;
  if (dependencies !== undefined && !Array.isArray(dependencies)) return undefined;
  const indices = (dependencies ?? []).filter(
    (d): d is number => Number.isInteger(d) && d >= 0 && d < count,
  );
  return {
    name,
    version,
    source: sourceName,
    kind: kind === 'build' ? 'build' : 'runtime',
    dependencies: [...new Set(indices)],
    root: root === true,
  };
}

/** Sources serialise as a lower-case word, or `{"Other": "..."}` for kinds the writer did not know; '' when absent. */
function sourceKind(source: unknown): string | undefined {
  if (source === undefined) return '';
  if (typeof source === 'string') return source;
  if (isRecord(source) && typeof source.Other === 'string') return source.Other;
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
