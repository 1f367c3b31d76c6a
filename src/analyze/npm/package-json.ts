// Reads what the npm analyzer needs from one package.json: identity, licence and the names it depends on.
// Format: https://docs.npmjs.com/cli/v10/configuring-npm/package-json

import type { License } from '../../model/license.js';
import { messageOf } from '../../errors.js';
import { npmLicenses } from './license.js';

export interface PackageJson {
  name?: string;
  version?: string;
  licenses: License[];
  /** Names from dependencies, optionalDependencies and peerDependencies (npm 7 and later install peers), sorted. */
  dependencies: string[];
}

const DEPENDENCY_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies'] as const;

/** The manifest's facts, or undefined (with a warning) when it is not a JSON object. */
export function parsePackageJson(
  text: string,
  warn: (message: string) => void,
): PackageJson | undefined {
  let json: unknown;
  try {
    json = JSON.parse(stripByteOrderMark(text));
  } catch (err) {
    warn(`not valid JSON: ${messageOf(err)}`);
    return undefined;
  }
  if (!isObject(json)) {
    warn('not a JSON object');
    return undefined;
  }
  const names = new Set<string>();
  for (const field of DEPENDENCY_FIELDS) {
    const deps = json[field];
    if (isObject(deps)) for (const name of Object.keys(deps)) names.add(name);
  }
  const manifest: PackageJson = {
    licenses: npmLicenses(json.license, json.licenses),
    dependencies: [...names].sort(),
  };
  const name = nonEmptyString(json.name);
  const version = nonEmptyString(json.version);
  if (name) manifest.name = name;
  if (version) manifest.version = version;
  return manifest;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Some Windows-made package.json files start with a BOM, which JSON.parse rejects. */
export function stripByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
