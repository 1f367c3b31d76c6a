// The synthetic fleet of the server benchmark (issue 8): images built from real package names and versions (taken
// from the advisory database, so they match real advisories), hosts, and a day of short-lived containers. Seeded:
// the same options give the same fleet.

import Database from 'better-sqlite3';

/** mulberry32: a small seeded generator, so runs are comparable. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The operating systems images are built on, with their purl and os-release facts. */
// The releases the bundled advisory data covers best (its Debian data ends at 11, its Alpine data at 3.11).
const SYSTEMS = [
  { family: 'debian', version: '11', ecosystem: 'Debian', release: '11', type: 'deb', weight: 4 },
  { family: 'debian', version: '10', ecosystem: 'Debian', release: '10', type: 'deb', weight: 3 },
  { family: 'debian', version: '9', ecosystem: 'Debian', release: '9', type: 'deb', weight: 2 },
  {
    family: 'alpine',
    version: '3.11.13',
    ecosystem: 'Alpine',
    release: 'v3.11',
    type: 'apk',
    weight: 1,
  },
];
const LANGUAGES = [
  { ecosystem: 'PyPI', type: 'pypi' },
  { ecosystem: 'Go', type: 'golang' },
];

/**
 * Real (name, version) pairs per ecosystem and release: every package an advisory in the database names, at the
 * versions its advisories fix (a package at one fix is still affected by the later ones) and at an early version.
 */
export function packagePool(dbPath) {
  const db = new Database(dbPath, { readonly: true });
  const pool = new Map();
  const rows = db.prepare('SELECT ecosystem, release, name, ranges FROM affected').iterate();
  for (const r of rows) {
    const key = `${r.ecosystem}\n${r.release}`;
    let names = pool.get(key);
    if (!names) pool.set(key, (names = new Map()));
    let versions = names.get(r.name);
    if (!versions) names.set(r.name, (versions = new Set()));
    for (const range of JSON.parse(r.ranges)) {
      const fixed = range.fixed ?? range[1];
      if (typeof fixed === 'string' && fixed && versions.size < 6) versions.add(fixed);
    }
  }
  db.close();
  const out = new Map();
  for (const [key, names] of pool) {
    const list = [...names]
      .filter(([, v]) => v.size > 0)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, v]) => ({ name, versions: [...v].sort() }));
    out.set(key, list);
  }
  return out;
}

const familyPools = new Map();
/** The release's own packages, then the names only other releases of the family list (real names, no advisory here). */
function familyPool(pool, system) {
  let list = familyPools.get(system.release);
  if (list) return list;
  const own = pool.get(`${system.ecosystem}\n${system.release}`) ?? [];
  const names = new Set(own.map((p) => p.name));
  list = [...own];
  for (const [key, packages] of [...pool].sort(([a], [b]) => (a < b ? 1 : -1))) {
    if (!key.startsWith(`${system.ecosystem}\n`)) continue;
    for (const p of packages) {
      if (names.has(p.name)) continue;
      names.add(p.name);
      list.push(p);
    }
  }
  familyPools.set(system.release, list);
  return list;
}

function purlOf(system, type, name, version) {
  const v = encodeURIComponent(version);
  if (type === 'deb')
    return `pkg:deb/debian/${name}@${v}?arch=amd64&distro=debian-${system.version}`;
  if (type === 'apk') return `pkg:apk/alpine/${name}@${v}?arch=x86_64&distro=${system.version}`;
  if (type === 'golang') return `pkg:golang/${name}@${v}`;
  if (type === 'npm')
    return `pkg:npm/${name.startsWith('@') ? name.replace('@', '%40') : name}@${v}`;
  return `pkg:${type}/${name.toLowerCase()}@${v}`;
}

function pick(rand, list) {
  return list[Math.floor(rand() * list.length)];
}

/**
 * `count` images of about `packagesPerImage` packages: 40% a base set shared by the images of the same OS and base
 * variant (as images built FROM one base share it), the rest drawn from the OS's packages and, for a fifth of the
 * images, a language ecosystem.
 */
export function* images(pool, { count, packagesPerImage, seed = 1 }) {
  const rand = random(seed);
  const totalWeight = SYSTEMS.reduce((a, s) => a + s.weight, 0);
  const bases = new Map();
  for (let i = 0; i < count; i++) {
    let w = rand() * totalWeight;
    const system = SYSTEMS.find((s) => (w -= s.weight) < 0) ?? SYSTEMS[0];
    const osPool = familyPool(pool, system);
    const variant = Math.floor(rand() * 8);
    const baseKey = `${system.family}${system.version}-${variant}`;
    let base = bases.get(baseKey);
    if (!base) {
      const r = random(seed * 1000 + bases.size + 7);
      base = [];
      const seen = new Set();
      while (base.length < Math.floor(packagesPerImage * 0.4) && seen.size < osPool.length) {
        const p = pick(r, osPool);
        if (seen.has(p.name)) continue;
        seen.add(p.name);
        base.push({ name: p.name, version: pick(r, p.versions) });
      }
      bases.set(baseKey, base);
    }
    const names = new Set(base.map((p) => p.name));
    const packages = base.map((p) => ({ ...p, type: system.type }));
    const language = rand() < 0.2 ? pick(rand, LANGUAGES) : undefined;
    const langPool = language ? (pool.get(`${language.ecosystem}\n`) ?? []) : [];
    let guard = 0;
    while (packages.length < packagesPerImage && guard++ < packagesPerImage * 20) {
      const useLang = language && rand() < 0.3 && langPool.length > 0;
      const p = pick(rand, useLang ? langPool : osPool);
      if (!p || names.has(p.name)) continue;
      names.add(p.name);
      packages.push({
        name: p.name,
        version: pick(rand, p.versions),
        type: useLang ? language.type : system.type,
      });
    }
    const digest = `sha256:${hex(rand)}`;
    yield {
      digest,
      name: `registry${i % 7 === 0 ? '.internal.example' : '.example.com'}/team${i % 50}/app${i}:1.${i % 10}`,
      os: { family: system.family, version: system.version, source: 'etc/os-release' },
      packages: packages.map((p) => ({
        type: p.type,
        name: p.name,
        version: p.version,
        purl: purlOf(system, p.type, p.name, p.version),
        source:
          p.type === 'deb' || p.type === 'apk' ? { name: p.name, version: p.version } : undefined,
        licenses: [{ expression: pick(rand, LICENSES) }],
        files: [],
        location:
          p.type === 'deb'
            ? 'var/lib/dpkg/status'
            : p.type === 'apk'
              ? 'lib/apk/db/installed'
              : 'app',
        dependsOn: [],
        foundBy: 'synthetic',
      })),
    };
  }
}

const LICENSES = [
  'GPL-2.0-or-later',
  'MIT',
  'Apache-2.0',
  'BSD-3-Clause',
  'LGPL-2.1-or-later',
  'GPL-3.0-only',
  'ISC',
];

function hex(rand) {
  let s = '';
  for (let i = 0; i < 8; i++)
    s += Math.floor(rand() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return s;
}

/**
 * A day of containers on `hosts` hosts ending at `end`: start times uniform over the day, lifetimes mostly minutes
 * (exponential, mean 10 min), images by a Zipf-like popularity. Those still running at `end` get no stop.
 * Yields events in time order per batch of `batch`, each a start or a stop (both carry the whole identity).
 */
export function containerRuns({ count, hosts, images, end, seed = 2 }) {
  const rand = random(seed);
  const day = 24 * 3600 * 1000;
  const runs = [];
  for (let i = 0; i < count; i++) {
    const start = end - day + Math.floor(rand() * day);
    const life = Math.floor(-Math.log(1 - rand()) * 10 * 60 * 1000);
    const image = images[Math.min(images.length - 1, Math.floor(images.length * rand() ** 3))];
    const host = `node-${String(i % hosts).padStart(4, '0')}`;
    const stop = start + life < end ? start + life : undefined;
    runs.push({ i, host, image, start, stop });
  }
  return runs;
}

/** The order events happen in: codes (run index * 2, + 1 for its stop) sorted by time. */
export function eventOrder(runs) {
  const codes = [];
  for (const r of runs) {
    codes.push(r.i * 2);
    if (r.stop !== undefined) codes.push(r.i * 2 + 1);
  }
  const at = (c) => (c & 1 ? runs[c >> 1].stop : runs[c >> 1].start);
  return Uint32Array.from(codes).sort((a, b) => at(a) - at(b) || a - b);
}

/** The event a code stands for: a start, or a stop (both carry the whole identity). */
export function eventOf(runs, code) {
  const run = runs[code >> 1];
  const e = {
    host: run.host,
    runtime: 'runc',
    containerId: `c${run.i.toString(16).padStart(8, '0')}`,
    name: `app-${run.i % 997}`,
    image: { digest: run.image.digest, digestKind: 'image', name: run.image.name },
    labels: {
      app: `app-${run.i % 997}`,
      team: `team${run.i % 50}`,
      env: run.i % 3 === 0 ? 'prod' : 'staging',
    },
    startedAt: new Date(run.start).toISOString(),
  };
  if (code & 1) e.stoppedAt = new Date(run.stop).toISOString();
  return e;
}
