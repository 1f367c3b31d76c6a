// Checks for package-manager caches a build left behind: apt lists and archives (Dockle DKL-DI-0005, read here from
// the filesystem rather than the history), apk, pip and npm caches. https://docs.docker.com/build/building/best-practices/#apt-get

import type { HardeningEvidence, PackageCacheKind } from '../../analyze/hardening/evidence.js';
import { findingOf, type Finding, type Rule } from '../../model/finding.js';
import { formatBytes, locationOf } from './format.js';
import { APK_CACHE, APT_CACHE, NPM_CACHE, PIP_CACHE } from './rules.js';

const BY_KIND: Readonly<Record<PackageCacheKind, { rule: Rule; what: string }>> = {
  'apt-lists': { rule: APT_CACHE, what: 'apt package lists' },
  'apt-archives': { rule: APT_CACHE, what: 'apt package cache (.deb archives, pkgcache.bin)' },
  apk: { rule: APK_CACHE, what: 'apk cache' },
  pip: { rule: PIP_CACHE, what: 'pip cache' },
  npm: { rule: NPM_CACHE, what: 'npm cache' },
};

export function packageCacheFindings(evidence: HardeningEvidence): Finding[] {
  return evidence.packageCaches.map((cache) => {
    const { rule, what } = BY_KIND[cache.kind];
    return findingOf(rule, locationOf(cache), {
      title: `${what} left in ${cache.path}`,
      evidence:
        cache.bytes < 1024
          ? `${counted(cache.files, 'file')}, ${counted(cache.bytes, 'byte')}`
          : `${counted(cache.files, 'file')}, ${formatBytes(cache.bytes)} (${cache.bytes} bytes)`,
    });
  });
}

function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
