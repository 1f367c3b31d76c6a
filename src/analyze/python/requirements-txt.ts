// Reads the exact pins (`name==version`) of a pip requirements file; anything looser says nothing installed.
// Format: https://pip.pypa.io/en/stable/reference/requirements-file-format/

import type { LockEntry } from './lock-entry.js';
import { normalizeName } from './names.js';

/** name, [extras], ==/=== version, then anything (a marker, per-requirement options). */
const PIN =
  /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*===?\s*([^\s,;*$]+)\s*(;.*)?$/;
/** pip's per-requirement options (--hash, --config-settings) start after white space with a dash. */
const OPTION_START = /\s--?[A-Za-z]/;
/** A comment starts at '#' at the line's start or after white space. */
const COMMENT = /(^|\s)#.*$/;
const UTF16LE_BOM = Buffer.from([0xff, 0xfe]);

/**
 * The pins, each once. Options (-r, -c, -e, --index-url) are skipped: a -r include named requirements*.txt is read as a
 * file of its own, and the scan cannot read one named otherwise from here.
 */
export function parseRequirementsTxt(content: Buffer): LockEntry[] {
  const text = content.subarray(0, 2).equals(UTF16LE_BOM)
    ? content.toString('utf16le', 2)
    : content.toString('utf8');
  const entries = new Map<string, LockEntry>();
  for (const logical of logicalLines(text)) {
    const line = logical.replace(COMMENT, '').trim();
    if (!line) continue;
    if (line.startsWith('-')) continue;
    const option = OPTION_START.exec(line);
    const requirement = option ? line.slice(0, option.index).trim() : line;
    const pin = PIN.exec(requirement);
    if (!pin) continue;
    const entry: LockEntry = { name: normalizeName(pin[1]!), version: pin[2]! };
    const marker = pin[3]?.slice(1).trim();
    if (marker) entry.marker = marker;
    if (!entries.has(`${entry.name}@${entry.version}`))
      entries.set(`${entry.name}@${entry.version}`, entry);
  }
  return [...entries.values()];
}

/** Lines with a trailing backslash continue on the next line. */
function* logicalLines(text: string): Generator<string> {
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    yield pending + line;
    pending = '';
  }
  if (pending) yield pending;
}
