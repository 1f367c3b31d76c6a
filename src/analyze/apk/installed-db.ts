// Reads Alpine's database of installed packages (lib/apk/db/installed) into package records.
// Format: apk-tools' "installed" database, one "X:value" line per field, records split by blank lines (apk-v2 PKGINFO keys).

import { compareText } from '../../model/order.js';
/** One installed package as the database describes it (JSON-serialisable: it is cached per layer). */
export interface ApkRecord {
  name: string;
  version: string;
  arch?: string;
  origin?: string;
  /** The L: field as written. */
  license?: string;
  maintainer?: string;
  description?: string;
  /** Names the package depends on (D:), without version constraints; `!conflicts` left out. */
  depends: string[];
  /** Names the package provides (p:), without versions: so:..., cmd:..., pc:..., /bin/sh, plain names. */
  provides: string[];
  /** Installed files: each R: line joined to the F: directory before it, root-relative, sorted. */
  files: string[];
}

/** A dependency or provide token: a name, then an optional version constraint ("musl>=1.2", "so:libz.so.1=1.2.11"). */
const NAME_OF_TOKEN = /^([^<>=~]+)/;

/**
 * The records of one installed database. A record with an unreadable line or without P:/V: is reported through
 * `warn` with its line and skipped; the rest are returned.
 */
export function parseApkInstalled(text: string, warn: (message: string) => void): ApkRecord[] {
  const records: ApkRecord[] = [];
  let lines: { key: string; value: string; line: number }[] = [];
  let problem: string | undefined;
  let start = 1;

  const finish = () => {
    if (lines.length > 0 || problem) {
      const record = problem ? undefined : toRecord(lines, start, warn);
      if (problem) warn(`record at line ${start}: ${problem}; skipped`);
      if (record) records.push(record);
    }
    lines = [];
    problem = undefined;
  };

  const all = text.split('\n');
  for (let i = 0; i < all.length; i++) {
    const raw = all[i]!.replace(/\r$/, '');
    if (raw.trim() === '') {
      finish();
      start = i + 2;
      continue;
    }
    if (lines.length === 0 && !problem) start = i + 1;
    if (raw.length < 2 || raw[1] !== ':' || !/[A-Za-z]/.test(raw[0]!)) {
      problem ??= `line ${i + 1}: not a "X:value" line`;
      continue;
    }
    lines.push({ key: raw[0]!, value: raw.slice(2), line: i + 1 });
  }
  finish();
  return records;
}

function toRecord(
  lines: { key: string; value: string }[],
  start: number,
  warn: (message: string) => void,
): ApkRecord | undefined {
  const single = (key: string) => lines.find((l) => l.key === key)?.value.trim() || undefined;
  const name = single('P');
  const version = single('V');
  if (!name || !version) {
    warn(
      `record at line ${start}${name ? ` (${name})` : ''}: no ${name ? 'V: (version)' : 'P: (name)'} line; skipped`,
    );
    return undefined;
  }
  const record: ApkRecord = {
    name,
    version,
    depends: tokens(lines, 'D')
      .filter((t) => !t.startsWith('!'))
      .map(nameOfToken),
    provides: tokens(lines, 'p').map(nameOfToken),
    files: filesOf(lines),
  };
  const arch = single('A');
  if (arch) record.arch = arch;
  const origin = single('o');
  if (origin) record.origin = origin;
  const license = single('L');
  if (license) record.license = license;
  const maintainer = single('m');
  if (maintainer) record.maintainer = maintainer;
  const description = single('T');
  if (description) record.description = description;
  return record;
}

function tokens(lines: { key: string; value: string }[], key: string): string[] {
  return lines
    .filter((l) => l.key === key)
    .flatMap((l) => l.value.split(/\s+/).filter((t) => t !== ''));
}

function nameOfToken(token: string): string {
  return NAME_OF_TOKEN.exec(token)?.[1] ?? token;
}

function filesOf(lines: { key: string; value: string }[]): string[] {
  const files = new Set<string>();
  let dir = '';
  for (const { key, value } of lines) {
    if (key === 'F') dir = value.replace(/^\/+|\/+$/g, '');
    else if (key === 'R' && value !== '') files.add(dir === '' ? value : `${dir}/${value}`);
  }
  return [...files].sort(compareText);
}
