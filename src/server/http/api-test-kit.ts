// For the API's tests: a ServerContext over a real store and a small vulnerability database of published advisories
// (Debian DSA-5343-1 and DSA-5380-1 from https://salsa.debian.org/security-tracker-team/security-tracker/-/blob/master/data/DSA/list,
// OSV PYSEC-2023-74), one token per role, and a request URL for every route of the role table.

import { join } from 'node:path';
import { sha256Digest } from '../../util/hash.js';
import type { AdvisoryRecord } from '../../vulndb/advisory.js';
import type { VulnDatabase } from '../../vulndb/database.js';
import { databaseOf } from '../../testing/vulndb.js';
import type { ServerContext } from '../context.js';
import { createToken } from '../store/tokens.js';
import { ROLES, type FleetStore, type Role } from '../store/types.js';
import type { RouteKey } from './auth.js';

/** The tests' clock. */
export const NOW = new Date('2024-06-01T12:00:00.000Z');

/** Digests of the test images: only their form matters. */
export const DIGESTS = {
  /** The Debian 11 build-agent image of sample-scan-report.ts, uploaded as a scan report. */
  agent: sha256Digest('fleet test: build agent image'),
  /** The Debian 12 image of sample-inventory.ts, uploaded as a CycloneDX SBOM. */
  debian: sha256Digest('fleet test: debian 12 image'),
  /** Seen running, never uploaded. */
  unscanned: sha256Digest('fleet test: unscanned image'),
};

const debianAdvisory = (
  id: string,
  name: string,
  fixed: string,
  aliases: string[],
  published: string,
): AdvisoryRecord => ({
  id,
  source: 'debian-dsa',
  aliases,
  summary: `${name} - security update`,
  published,
  cvss: [],
  references: [],
  affected: [
    {
      ecosystem: 'Debian',
      release: '11',
      name,
      scheme: 'deb',
      ranges: [{ introduced: '0', fixed }],
      versions: [],
    },
  ],
});

export const ADVISORIES: AdvisoryRecord[] = [
  debianAdvisory(
    'DSA-5343-1',
    'openssl',
    '1.1.1n-0+deb11u4',
    ['CVE-2022-2097', 'CVE-2022-4304', 'CVE-2022-4450', 'CVE-2023-0215', 'CVE-2023-0286'],
    '2023-02-07',
  ),
  debianAdvisory(
    'DSA-5380-1',
    'xorg-server',
    '2:1.20.11-1+deb11u6',
    ['CVE-2023-1393'],
    '2023-03-29',
  ),
];

/** Published after the others: a database that adds it is "an update" whose re-match raises alerts. */
export const LATER_ADVISORY: AdvisoryRecord = {
  id: 'PYSEC-2023-74',
  source: 'osv',
  aliases: ['CVE-2023-32681', 'GHSA-j8r2-6x86-q33q'],
  summary: 'Requests leaks Proxy-Authorization headers',
  published: '2023-05-26',
  cvss: [],
  references: [],
  affected: [
    {
      ecosystem: 'PyPI',
      release: '',
      name: 'requests',
      scheme: 'pep440',
      ranges: [{ introduced: '2.3.0', fixed: '2.31.0' }],
      versions: [],
    },
  ],
};

export async function testVulnDb(dir: string, name: string, later = false): Promise<VulnDatabase> {
  return databaseOf(join(dir, `${name}.db`), later ? [...ADVISORIES, LATER_ADVISORY] : ADVISORIES);
}

/** A context whose vulnerability database a test can swap, as the server's holder does when the file is replaced. */
export function testContext(
  store: FleetStore,
  vulnDb: VulnDatabase,
): ServerContext & { useVulnDb(db: VulnDatabase): void } {
  let current = vulnDb;
  return {
    store,
    vulnDb: () => current,
    registryAllow: ['registry.example'],
    now: () => NOW,
    useVulnDb: (db) => {
      current = db;
    },
  };
}

export async function tokensByRole(store: FleetStore): Promise<Record<Role, string>> {
  const tokens = {} as Record<Role, string>;
  for (const role of ROLES)
    tokens[role] = (await createToken(store, role, `test ${role}`, NOW.toISOString())).token;
  return tokens;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A URL that reaches the route: its parameters filled with well-formed values. */
export function urlOf(key: RouteKey): string {
  return key.split(' ')[1]!.replace(':digest', DIGESTS.agent).replace(':id', 'CVE-2023-0286');
}

export function methodOf(key: RouteKey): 'GET' | 'POST' | 'PUT' {
  return key.split(' ')[0] as 'GET' | 'POST' | 'PUT';
}
