// Packages from a yarn.lock: Yarn classic's own indented format (v1) and Yarn berry's YAML (v2 and later, which
// starts with __metadata). Classic: https://classic.yarnpkg.com/lang/en/docs/yarn-lock/ ; berry: https://yarnpkg.com/advanced/lockfile

import { yamlModule } from '../../util/lazy-module.js';
import { messageOf } from '../../errors.js';
import {
  aliasedName,
  LockedPackages,
  lockedKey,
  splitNameAndSpec,
  type LockedPackage,
} from './locked-package.js';
import { isObject, nonEmptyString } from './package-json.js';

/** Protocols that point at the project's own folders rather than at a published package. */
const LOCAL_PROTOCOLS = ['workspace:', 'link:', 'portal:', 'file:'];
const DEPENDENCY_SECTIONS = new Set(['dependencies', 'optionalDependencies']);

export function parseYarnLock(text: string, warn: (message: string) => void): LockedPackage[] {
  return /^__metadata:/m.test(text) ? parseBerry(text, warn) : parseClassic(text, warn);
}

interface ClassicEntry {
  descriptors: string[];
  version?: string;
  dependencies: [string, string][];
}

function parseClassic(text: string, warn: (message: string) => void): LockedPackage[] {
  const entries: ClassicEntry[] = [];
  let current: ClassicEntry | undefined;
  let inDependencies = false;
  let unreadable = 0;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    const body = line.trim();
    if (indent === 0) {
      if (!body.endsWith(':')) {
        unreadable++;
        current = undefined;
        continue;
      }
      current = { descriptors: splitDescriptors(body.slice(0, -1)), dependencies: [] };
      entries.push(current);
      inDependencies = false;
      continue;
    }
    if (!current) continue;
    if (indent <= 2) {
      if (body.endsWith(':')) {
        inDependencies = DEPENDENCY_SECTIONS.has(unquote(body.slice(0, -1)));
        continue;
      }
      inDependencies = false;
      const [field, value] = keyAndValue(body);
      if (field === 'version' && value) current.version = value;
    } else if (inDependencies) {
      const [name, range] = keyAndValue(body);
      if (name && range !== undefined) current.dependencies.push([name, range]);
    }
  }
  if (unreadable > 0) warn(`${unreadable} unreadable lines at the top level`);

  const byDescriptor = new Map<string, string>();
  const identities: { entry: ClassicEntry; name: string; version: string }[] = [];
  let withoutVersion = 0;
  for (const entry of entries) {
    const name = classicName(entry.descriptors);
    if (name?.local) continue;
    if (!name || !entry.version) {
      withoutVersion++;
      continue;
    }
    const key = lockedKey(name.name, entry.version);
    for (const d of entry.descriptors) byDescriptor.set(d, key);
    identities.push({ entry, name: name.name, version: entry.version });
  }
  if (withoutVersion > 0) warn(`${withoutVersion} entries without a name and version`);
  const collected = new LockedPackages();
  for (const { entry, name, version } of identities) {
    const dependsOn = entry.dependencies
      .map(([dep, range]) => byDescriptor.get(`${dep}@${range}`))
      .filter((k): k is string => k !== undefined);
    collected.add(name, version, { dependsOn });
  }
  return collected.list();
}

/** The installed package's name; an alias descriptor (`x@npm:real@^1`) names the real one. */
function classicName(descriptors: string[]): { name: string; local: boolean } | undefined {
  let name: string | undefined;
  for (const descriptor of descriptors) {
    const split = splitNameAndSpec(descriptor);
    if (!split) continue;
    if (LOCAL_PROTOCOLS.some((p) => split.spec.startsWith(p)))
      return { name: split.name, local: true };
    const real = aliasedName(split.name, split.spec);
    if (real.name !== split.name || name === undefined) name = real.name;
  }
  return name === undefined ? undefined : { name, local: false };
}

function splitDescriptors(key: string): string[] {
  return key
    .split(',')
    .map((d) => unquote(d.trim()))
    .filter((d) => d !== '');
}

/** `version "1.2.3"`, `"version" "1.2.3"`, `lodash "^4.17.11"`: a key and a value, either quoted. */
function keyAndValue(body: string): [string, string | undefined] {
  const match = /^("(?:[^"\\]|\\.)*"|\S+)\s+(.*)$/.exec(body);
  if (!match) return [unquote(body), undefined];
  return [unquote(match[1]!), unquote(match[2]!.trim())];
}

function unquote(text: string): string {
  return text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1) : text;
}

function parseBerry(text: string, warn: (message: string) => void): LockedPackage[] {
  let doc: unknown;
  try {
    // failsafe: every scalar stays text, so `version: 1.10` is not read as the number 1.1
    doc = yamlModule().parse(text, { schema: 'failsafe', maxAliasCount: 100 });
  } catch (err) {
    warn(`not valid YAML: ${messageOf(err)}`);
    return [];
  }
  if (!isObject(doc)) {
    warn('not a YAML mapping');
    return [];
  }
  const byDescriptor = new Map<string, string>();
  const identities: { entry: Record<string, unknown>; name: string; version: string }[] = [];
  let unreadable = 0;
  for (const [key, entry] of Object.entries(doc)) {
    if (key === '__metadata') continue;
    const resolution = isObject(entry) ? nonEmptyString(entry.resolution) : undefined;
    const version = isObject(entry) ? nonEmptyString(entry.version) : undefined;
    const split = resolution ? splitNameAndSpec(resolution) : undefined;
    if (!isObject(entry) || !split || !version) {
      unreadable++;
      continue;
    }
    if (LOCAL_PROTOCOLS.some((p) => split.spec.startsWith(p))) continue;
    const locked = lockedKey(split.name, version);
    for (const d of splitDescriptors(key)) byDescriptor.set(d, locked);
    identities.push({ entry, name: split.name, version });
  }
  if (unreadable > 0) warn(`${unreadable} entries without a resolution and version`);
  const collected = new LockedPackages();
  for (const { entry, name, version } of identities) {
    const dependsOn: string[] = [];
    for (const section of DEPENDENCY_SECTIONS) {
      const deps = entry[section];
      if (!isObject(deps)) continue;
      for (const [dep, range] of Object.entries(deps)) {
        const spec = nonEmptyString(range);
        if (spec === undefined) continue;
        // berry writes ranges without the default npm: protocol in dependencies, but with it in descriptors
        const found = byDescriptor.get(`${dep}@${spec}`) ?? byDescriptor.get(`${dep}@npm:${spec}`);
        if (found) dependsOn.push(found);
      }
    }
    collected.add(name, version, { dependsOn });
  }
  return collected.list();
}
