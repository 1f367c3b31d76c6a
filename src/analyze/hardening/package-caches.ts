// What package managers leave behind when a Dockerfile does not clean up: apt lists and archives, apk, pip and npm caches.
// Locations per apt(8) and apt.conf(5) (Dir::State::lists, Dir::Cache), apk(8), pip's cache docs and npm-cache(1).

import type { FileEntry } from '../../model/layer.js';
import { compareText } from '../../model/order.js';
import type { PackageCache, PackageCacheKind } from './evidence.js';

const APT_LISTS = 'var/lib/apt/lists/';
const APT_CACHE = 'var/cache/apt/';
const APK_CACHE = 'var/cache/apk/';
/** pip's default cache is ~/.cache/pip, for root and for each user with a home directory. */
const PIP_CACHE = /^((?:root|home\/[^/]+)\/\.cache\/pip)\//;
/** npm's content-addressed cache, ~/.npm/_cacache, wherever the home directory is. */
const NPM_CACHE = /^((?:.*\/)?\.npm\/_cacache)\//;

/** Caches with at least one regular file, by path. */
export function packageCaches(entries: readonly FileEntry[]): PackageCache[] {
  const caches = new Map<string, PackageCache>();
  for (const e of entries) {
    if (e.type !== 'file' && e.type !== 'hardlink') continue;
    const where = cacheOf(e.path);
    if (!where) continue;
    const cache = caches.get(where.dir) ?? {
      kind: where.kind,
      path: where.dir,
      layer: e.layer,
      files: 0,
      bytes: 0,
    };
    cache.files++;
    cache.bytes += e.size;
    cache.layer = Math.max(cache.layer, e.layer);
    caches.set(where.dir, cache);
  }
  return [...caches.values()].sort((a, b) => compareText(a.path, b.path));
}

function cacheOf(path: string): { kind: PackageCacheKind; dir: string } | undefined {
  if (path.startsWith(APT_LISTS)) {
    const rest = path.slice(APT_LISTS.length);
    // `lock` and `partial/` are apt's own furniture, present even after `rm -rf /var/lib/apt/lists/*` and an update.
    if (rest === 'lock' || rest.startsWith('partial/')) return undefined;
    return { kind: 'apt-lists', dir: APT_LISTS.slice(0, -1) };
  }
  if (path.startsWith(APT_CACHE)) {
    const rest = path.slice(APT_CACHE.length);
    const binary = !rest.includes('/') && rest.endsWith('.bin'); // pkgcache.bin, srcpkgcache.bin
    const archive = /^archives\/[^/]+\.deb$/.test(rest);
    return binary || archive ? { kind: 'apt-archives', dir: APT_CACHE.slice(0, -1) } : undefined;
  }
  if (path.startsWith(APK_CACHE)) return { kind: 'apk', dir: APK_CACHE.slice(0, -1) };
  const pip = PIP_CACHE.exec(path);
  if (pip) return { kind: 'pip', dir: pip[1]! };
  const npm = NPM_CACHE.exec(path);
  if (npm) return { kind: 'npm', dir: npm[1]! };
  return undefined;
}
