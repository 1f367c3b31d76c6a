// Imports Alpine's secdb: per release branch and repository, the versions of each origin package that fixed CVEs.
// Format: https://secdb.alpinelinux.org/ (v3.18/main.json), and the older YAML of github.com/alpinelinux/alpine-secdb.
//
// `{ distroversion: 'v3.18', reponame, packages: [{ pkg: { name, secfixes: { '1.2.3-r0': ['CVE-...'] } } }] }`
// gives one record per (advisory id, package, branch): ecosystem 'Alpine', release the branch, scheme 'apk', one
// range { introduced '0', fixed } per version that lists the id. The name is the origin (source) package, as apk
// records it. Version '0' says the branch was never affected: no range.
// A secfixes entry is free text. Every CVE in it is an id ('CVE_2019-2426', 'CVE 2018-16859' and
// 'CVE-2017-8073.patch' are read as the CVEs they mean); other ids in it (XSA-, TALOS-, ZBX-, wnpa-sec-) are its
// aliases, or the id when it names no CVE; notes in parentheses are ignored.

import { parse as parseYaml } from 'yaml';
import type { AdvisoryRecord, ImportSink } from '../advisory.js';
import { InputError, messageOf } from '../../errors.js';
import { compareText } from '../../model/order.js';
import { openFeed, peekFeedText, readFailure } from './feed-input.js';
import { FeedWarnings } from './feed-warnings.js';
import { jsonObject, jsonText, streamJsonValues } from './json-values.js';

/** The YAML files are read whole (the yaml library does not stream); real ones are tens of KB. */
const MAX_YAML_BYTES = 64 << 20;
const CVE_TOKEN = /^CVE-(\d{4})-(\d{4,})/;
/** Typos in real entries: 'CVE_2019-2426', 'CVE 2018-16859'. */
const CVE_TYPO = /\bCVE[\s_]+(\d{4}-\d{4,})/g;
const OTHER_ID_TOKEN = /^[A-Za-z]+(?:-[A-Za-z]+)*-\d[\dA-Za-z-]*$/;
/** apk versions start with a digit (https://wiki.alpinelinux.org/wiki/APKBUILD_Reference#pkgver). */
const APK_VERSION = /^\d\S*$/;

export async function importAlpineSecdb(path: string, sink: ImportSink): Promise<number> {
  const warnings = new FeedWarnings(sink, path);
  const head = await peekFeedText(path, 64);
  const records = head.trimStart().startsWith('{')
    ? await importJson(path, sink, warnings)
    : await importYaml(path, sink, warnings);
  warnings.finish();
  return records;
}

async function importJson(path: string, sink: ImportSink, warnings: FeedWarnings): Promise<number> {
  let branch: string | undefined;
  // Packages seen before `distroversion` wait for it: key order is free in JSON.
  const waiting: { index: number; value: unknown }[] = [];
  let records = 0;
  const topLevel = await streamJsonValues(
    path,
    (at) =>
      (at.length === 1 && at[0] === 'distroversion') || (at.length === 2 && at[0] === 'packages'),
    (at, value) => {
      if (at[0] === 'distroversion') {
        branch = jsonText(value);
        if (branch === undefined) return;
        for (const pkg of waiting.splice(0)) {
          records += importPackage(pkg.value, pkg.index, branch, sink, warnings);
        }
        return;
      }
      const index = Number(at[1]);
      if (branch === undefined) waiting.push({ index, value });
      else records += importPackage(value, index, branch, sink, warnings);
    },
  );
  if (topLevel !== 'object')
    throw new InputError(path, 'not an Alpine secdb (expected a JSON object)');
  if (branch === undefined) throw new InputError(path, 'not an Alpine secdb: no "distroversion"');
  return records;
}

async function importYaml(path: string, sink: ImportSink, warnings: FeedWarnings): Promise<number> {
  let document: unknown;
  try {
    // The failsafe schema keeps every scalar a string: a version key like 2.10 must not become the number 2.1.
    document = parseYaml(await readText(path), { schema: 'failsafe' });
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(path, `invalid YAML: ${messageOf(err).split('\n')[0]}`, { cause: err });
  }
  const top = jsonObject(document);
  const branch = jsonText(top?.distroversion);
  if (!top || branch === undefined)
    throw new InputError(path, 'not an Alpine secdb: no "distroversion"');
  // An empty `packages:` (v3.3 community) reads as '' under the failsafe schema.
  const packages = Array.isArray(top.packages) ? (top.packages as unknown[]) : [];
  let records = 0;
  packages.forEach((pkg, index) => {
    records += importPackage(pkg, index, branch, sink, warnings);
  });
  return records;
}

async function readText(path: string): Promise<string> {
  const stream = await openFeed(path);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      if (size > MAX_YAML_BYTES)
        throw new InputError(path, `larger than ${MAX_YAML_BYTES >> 20} MiB: not a secdb file`);
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    throw readFailure(path, err);
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).toString('utf8');
}

interface Fixes {
  aliases: Set<string>;
  fixed: Set<string>;
}

/** Emits the records of one `packages[]` element; returns how many. */
function importPackage(
  value: unknown,
  index: number,
  branch: string,
  sink: ImportSink,
  warnings: FeedWarnings,
): number {
  const pkg = jsonObject(jsonObject(value)?.pkg);
  const name = jsonText(pkg?.name);
  if (!pkg || name === undefined) {
    warnings.record(`packages[${index}]`, 'no pkg.name: skipped');
    return 0;
  }
  const secfixes = pkg.secfixes;
  if (secfixes === undefined || secfixes === null || secfixes === '') return 0;
  const byVersion = jsonObject(secfixes);
  if (!byVersion) {
    warnings.record(name, 'secfixes is not a map of versions: skipped');
    return 0;
  }
  const byId = new Map<string, Fixes>();
  for (const [version, entries] of Object.entries(byVersion)) {
    if (version === '0') continue;
    if (!APK_VERSION.test(version)) {
      warnings.record(name, `bad version ${JSON.stringify(version)}: skipped`);
      continue;
    }
    if (!Array.isArray(entries)) {
      warnings.record(name, `${version}: no list of ids: skipped`);
      continue;
    }
    for (const entry of entries) {
      const text = typeof entry === 'string' ? entry : '';
      const ids = entryIds(text);
      if (ids.length === 0) {
        warnings.record(name, `${version}: no advisory id in ${JSON.stringify(text)}`);
        continue;
      }
      for (const { id, aliases } of ids) {
        let fixes = byId.get(id);
        if (!fixes) byId.set(id, (fixes = { aliases: new Set(), fixed: new Set() }));
        for (const alias of aliases) fixes.aliases.add(alias);
        fixes.fixed.add(version);
      }
    }
  }
  for (const id of [...byId.keys()].sort(compareText)) {
    const fixes = byId.get(id)!;
    sink.advisory(alpineRecord(id, fixes, name, branch));
  }
  return byId.size;
}

/** The ids one secfixes entry names: each CVE with the other ids as aliases, else the first other id. */
export function entryIds(text: string): { id: string; aliases: string[] }[] {
  const cves = new Set<string>();
  const others = new Set<string>();
  const cleaned = text.replace(/\([^)]*\)/g, ' ').replace(CVE_TYPO, 'CVE-$1');
  for (const token of cleaned.split(/\s+/)) {
    const cve = CVE_TOKEN.exec(token);
    if (cve) cves.add(`CVE-${cve[1]}-${cve[2]}`);
    else if (OTHER_ID_TOKEN.test(token)) others.add(token);
  }
  const otherIds = [...others].sort(compareText);
  if (cves.size > 0) {
    return [...cves].sort(compareText).map((id) => ({ id, aliases: otherIds }));
  }
  const [first, ...rest] = otherIds;
  return first === undefined ? [] : [{ id: first, aliases: rest }];
}

function alpineRecord(id: string, fixes: Fixes, name: string, branch: string): AdvisoryRecord {
  return {
    id,
    source: 'alpine-secdb',
    aliases: [...fixes.aliases].filter((alias) => alias !== id).sort(compareText),
    cvss: [],
    references: [],
    affected: [
      {
        ecosystem: 'Alpine',
        release: branch,
        name,
        scheme: 'apk',
        ranges: [...fixes.fixed].sort(compareText).map((fixed) => ({ introduced: '0', fixed })),
        versions: [],
      },
    ],
  };
}
