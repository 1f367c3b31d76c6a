// Reads Python core metadata (a wheel's .dist-info/METADATA, an egg's PKG-INFO): the RFC 822-style header fields.
// https://packaging.python.org/en/latest/specifications/core-metadata/

import type { License } from '../../model/license.js';
import { pythonLicenses } from './license.js';
import { isUnconditional, parseRequirement } from './names.js';

export interface DistributionMetadata {
  /** As written (the purl and Package.name use the normalised form). */
  name: string;
  version: string;
  summary?: string;
  licenses: License[];
  /** Normalised names of the distributions it requires whatever extras are asked for. */
  requires: string[];
}

/** Where the header ends: the long description after the first empty line is never read. */
const HEADER_END = [Buffer.from('\n\n'), Buffer.from('\r\n\r\n')];

/**
 * The fields Seawall uses, or undefined (with a warning) when Name or Version is missing.
 * Continuation lines (starting with white space) extend the field before them, as RFC 822 folds long values.
 */
export function parseCoreMetadata(
  content: Buffer,
  warn: (message: string) => void,
): DistributionMetadata | undefined {
  const fields = readHeader(content);
  const name = fields.get('name')?.[0]?.trim();
  const version = fields.get('version')?.[0]?.trim();
  if (!name || !version) {
    warn(`no ${name ? 'Version' : 'Name'} field; not a Python package's metadata`);
    return undefined;
  }
  const requires = new Set<string>();
  for (const text of fields.get('requires-dist') ?? []) {
    const requirement = parseRequirement(text);
    if (requirement && isUnconditional(requirement)) requires.add(requirement.name);
  }
  const metadata: DistributionMetadata = {
    name,
    version,
    licenses: pythonLicenses({
      licenseExpression: fields.get('license-expression')?.[0],
      license: fields.get('license')?.[0],
      classifiers: fields.get('classifier') ?? [],
    }),
    requires: [...requires].sort(),
  };
  const summary = fields.get('summary')?.[0]?.trim();
  if (summary && summary.toUpperCase() !== 'UNKNOWN') metadata.summary = summary;
  return metadata;
}

/** Field names in lower case, each with its values in order (Classifier and Requires-Dist repeat). */
function readHeader(content: Buffer): Map<string, string[]> {
  let end = content.length;
  for (const marker of HEADER_END) {
    const at = content.indexOf(marker);
    if (at >= 0 && at < end) end = at;
  }
  const fields = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of content.toString('utf8', 0, end).split('\n')) {
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (text.startsWith(' ') || text.startsWith('\t')) {
      if (current && current.length > 0) current[current.length - 1] += `\n${text.trim()}`;
      continue;
    }
    const colon = text.indexOf(':');
    if (colon <= 0) {
      current = undefined;
      continue;
    }
    const key = text.slice(0, colon).trim().toLowerCase();
    let values = fields.get(key);
    if (!values) fields.set(key, (values = []));
    values.push(text.slice(colon + 1).trim());
    current = values;
  }
  return fields;
}
