// Who publishes an advisory, and where to read it, told from the form of its id, for reports that name a source or
// link to it: SARIF's helpUri fallback and CycloneDX's vulnerability `source` (https://cyclonedx.org/docs/1.6/json/#vulnerabilities_items_source).

export interface AdvisorySource {
  name: string;
  url?: string;
}

/** Id prefixes, each with the database that assigns them and the page of one advisory there. */
const BY_PREFIX: { prefix: string; name: string; url: (id: string) => string }[] = [
  { prefix: 'CVE-', name: 'NVD', url: (id) => `https://nvd.nist.gov/vuln/detail/${id}` },
  {
    prefix: 'GHSA-',
    name: 'GitHub Advisory Database',
    url: (id) => `https://github.com/advisories/${id}`,
  },
  // The Debian tracker has a page for each DSA, DLA and DTSA, and for each CVE Debian tracks.
  ...['DSA-', 'DLA-', 'DTSA-'].map((prefix) => ({
    prefix,
    name: 'Debian Security Tracker',
    url: (id: string) => `https://security-tracker.debian.org/tracker/${id}`,
  })),
  {
    prefix: 'GO-',
    name: 'Go Vulnerability Database',
    url: (id) => `https://pkg.go.dev/vuln/${id}`,
  },
  { prefix: 'USN-', name: 'Ubuntu', url: (id) => `https://ubuntu.com/security/notices/${id}` },
  ...['RHSA-', 'RHBA-', 'RHEA-'].map((prefix) => ({
    prefix,
    name: 'Red Hat',
    url: (id: string) => `https://access.redhat.com/errata/${id}`,
  })),
  // OSV's own databases: osv.dev serves every id it imports under one path.
  ...['PYSEC-', 'RUSTSEC-', 'OSV-', 'GSD-', 'MAL-', 'ALPINE-'].map((prefix) => ({
    prefix,
    name: 'OSV',
    url: (id: string) => `https://osv.dev/vulnerability/${id}`,
  })),
];

/** The database that assigned `id` and the advisory's page there; `fallbackName` (the feed) when the form is unknown. */
export function advisorySource(id: string, fallbackName?: string): AdvisorySource {
  const known = BY_PREFIX.find(({ prefix }) => id.startsWith(prefix));
  if (known) return { name: known.name, url: known.url(encodeURIComponent(id)) };
  return { name: fallbackName ?? 'unknown' };
}
