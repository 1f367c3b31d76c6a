import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { VulnerabilityFinding } from '../detect/scan-report.js';
import { InputError } from '../errors.js';
import { fixturePath } from '../testing/fixtures.js';
import {
  imageIdentity,
  isImageProduct,
  loadVex,
  parseVex,
  statementIdKeys,
  vexReason,
  vexStatementMatches,
  type ImageIdentity,
  type VexStatement,
} from './openvex.js';
import { parsePurl } from './purl-match.js';
import { idFromIri } from './vulnerability-id.js';

const findings = JSON.parse(
  readFileSync(fixturePath('suppressions', 'findings.json'), 'utf8'),
) as VulnerabilityFinding[];
const vexPath = fixturePath('suppressions', 'openvex.json');
const MANIFEST = 'sha256:8abbe832815f497d83af206e7c14af6b54fddf478d23e84754a392236c14ed9a';
const IMAGE_ID = 'sha256:676a02351072a535f088a8e2aba8b13494afb50ea7ac67d93a778704340e28cd';
const demoApp = imageIdentity([
  `pkg:oci/demo-app@${MANIFEST.replace(':', '%3A')}?repository_url=registry.example.com/demo-app&tag=3.2.0`,
  MANIFEST,
  IMAGE_ID,
  'registry.example.com/demo-app:3.2.0',
]);

function matched(statement: VexStatement, image: ImageIdentity): string[] {
  return findings
    .filter((f) => vexStatementMatches(statement, f, parsePurl(f.package.purl), image))
    .map((f) => `${f.id} ${f.package.name}@${f.package.version}`);
}

describe('loadVex on a document modelled on the spec examples', () => {
  const statements = loadVex(vexPath);

  it('reads every statement with its status, reasons and inherited timestamp', () => {
    assert.deepEqual(
      statements.map((s) => ({
        index: s.index,
        name: s.vulnerability.name,
        status: s.status,
        timestamp: s.timestamp,
        products: s.products.map((p) => ({
          id: p.id,
          purls: p.purls.map((purl) => purl.text),
          subcomponents: p.subcomponents.map((sub) => sub.id),
        })),
      })),
      [
        {
          index: 1,
          name: 'CVE-2024-21626',
          status: 'not_affected',
          timestamp: '2024-02-05T10:12:41.647787998+01:00',
          products: [
            {
              id: `pkg:oci/demo-app@sha256%3A${MANIFEST.slice(7)}?repository_url=registry.example.com%2Fdemo-app`,
              purls: [
                `pkg:oci/demo-app@sha256%3A${MANIFEST.slice(7)}?repository_url=registry.example.com%2Fdemo-app`,
              ],
              subcomponents: ['pkg:golang/github.com/opencontainers/runc@v1.1.11'],
            },
          ],
        },
        {
          index: 2,
          name: 'CVE-2023-1393',
          status: 'not_affected',
          timestamp: '2023-04-01T08:00:00Z',
          products: [
            {
              id: 'pkg:deb/debian/xserver-xorg-core?arch=amd64',
              purls: ['pkg:deb/debian/xserver-xorg-core?arch=amd64'],
              subcomponents: [],
            },
          ],
        },
        {
          index: 3,
          name: 'CVE-2023-1393',
          status: 'affected',
          timestamp: '2024-01-15T08:00:00Z',
          products: [
            {
              id: 'pkg:deb/debian/xserver-xorg-core?arch=amd64',
              purls: ['pkg:deb/debian/xserver-xorg-core?arch=amd64'],
              subcomponents: [],
            },
          ],
        },
        {
          index: 4,
          name: 'CVE-2023-32681',
          status: 'fixed',
          timestamp: '2024-02-05T10:12:41.647787998+01:00',
          products: [
            {
              id: 'https://example.com/demo-app/requests-venv',
              purls: ['pkg:pypi/requests@2.28.1'],
              subcomponents: [],
            },
          ],
        },
        {
          index: 5,
          name: 'GHSA-j8r2-6x86-q33q',
          status: 'under_investigation',
          timestamp: '2024-02-05T10:12:41.647787998+01:00',
          products: [
            {
              id: 'pkg:pypi/requests@2.25.1',
              purls: ['pkg:pypi/requests@2.25.1'],
              subcomponents: [],
            },
          ],
        },
        {
          index: 6,
          name: 'CVE-2010-4756',
          status: 'not_affected',
          timestamp: '2024-02-05T10:12:41.647787998+01:00',
          products: [{ id: 'https://registry.example.com/demo-app', purls: [], subcomponents: [] }],
        },
      ],
    );
    assert.deepEqual(statements[5]!.products[0]!.hashes, { 'sha-256': MANIFEST.slice(7) });
  });

  it('says why in the reason: status, justification, then the impact statement or status notes', () => {
    assert.equal(
      vexReason(statements[0]!),
      'not_affected (vulnerable_code_not_in_execute_path): The image runs runc only as `runc list`; ' +
        'it never creates or execs into a container.',
    );
    assert.equal(
      vexReason(statements[3]!),
      'fixed: Rebuilt from 2.28.1 with upstream commit 74ea7cf7a6a27a4eeb2ae24e162bcc942a6706d5 applied.',
    );
    assert.equal(vexReason(statements[4]!), 'under_investigation');
  });

  it('names a vulnerability by name, aliases and the id an advisory URL ends with', () => {
    assert.deepEqual(
      [...statementIdKeys(statements[0]!)],
      ['CVE-2024-21626', 'GHSA-XR7R-F8XQ-VFVV'],
    );
    assert.deepEqual([...statementIdKeys(statements[3]!)], ['CVE-2023-32681', 'PYSEC-2023-74']);
  });

  it('an image product with a subcomponent covers that package only', () => {
    assert.deepEqual(matched(statements[0]!, demoApp), [
      'GO-2024-2491 github.com/opencontainers/runc@v1.1.11',
    ]);
    // without knowing the image, the pkg:oci product names nothing in it
    assert.deepEqual(matched(statements[0]!, imageIdentity([])), []);
  });

  it('a package product matches by purl, version-insensitive when the purl has no version', () => {
    assert.deepEqual(matched(statements[1]!, demoApp), [
      'DSA-5380-1 xserver-xorg-core@2:1.20.11-1+deb11u5',
    ]);
    assert.deepEqual(matched(statements[3]!, demoApp), ['PYSEC-2023-74 requests@2.28.1']);
    assert.deepEqual(matched(statements[4]!, demoApp), ['PYSEC-2023-74 requests@2.25.1']);
  });

  it('an image product without subcomponents covers every package, here named by its manifest hash', () => {
    assert.deepEqual(matched(statements[5]!, demoApp), ['CVE-2010-4756 libc6@2.31-13+deb11u5']);
    assert.deepEqual(matched(statements[5]!, imageIdentity([IMAGE_ID])), []);
  });
});

describe('isImageProduct', () => {
  const product = (json: string) =>
    parseVex(document(`{ "@id": "x", ${json} }`), 'vex.json')[0]!.products[0]!;
  const document = (productJson: string) =>
    JSON.stringify({
      '@context': 'https://openvex.dev/ns/v0.2.0',
      '@id': 'https://openvex.dev/docs/example/vex-image',
      author: 'Demo',
      timestamp: '2024-02-05T10:12:41Z',
      version: 1,
      statements: [
        {
          vulnerability: { name: 'CVE-2024-21626' },
          products: [JSON.parse(productJson) as unknown],
          status: 'fixed',
        },
      ],
    });

  it('a pkg:oci purl of any repository with one of the image digests as its version', () => {
    const byDigest = product(`"identifiers": { "purl": "pkg:oci/mirror-copy@${MANIFEST}" }`);
    assert.equal(isImageProduct(byDigest, imageIdentity([MANIFEST])), true);
    assert.equal(isImageProduct(byDigest, imageIdentity([IMAGE_ID])), false);
  });
  it("a purl pattern of the image's purl: without version it names every build of the repository", () => {
    const byName = product(
      `"identifiers": { "purl": "pkg:oci/demo-app?repository_url=registry.example.com/demo-app" }`,
    );
    assert.equal(isImageProduct(byName, demoApp), true);
    const other = product(
      `"identifiers": { "purl": "pkg:oci/demo-app?repository_url=docker.io/acme/demo-app" }`,
    );
    assert.equal(isImageProduct(other, demoApp), false);
  });
  it('an @id the image answers to exactly, or a hash of its image id', () => {
    const byId = parseVex(
      document('{ "@id": "registry.example.com/demo-app:3.2.0" }'),
      'vex.json',
    )[0]!.products[0]!;
    assert.equal(isImageProduct(byId, demoApp), true);
    const byHash = product(`"hashes": { "sha-256": "${IMAGE_ID.slice(7).toUpperCase()}" }`);
    assert.equal(isImageProduct(byHash, demoApp), true);
  });
});

describe('idFromIri', () => {
  it('takes the advisory id at the end of an advisory page URL', () => {
    assert.equal(idFromIri('https://nvd.nist.gov/vuln/detail/CVE-2024-21626'), 'CVE-2024-21626');
    assert.equal(idFromIri('https://osv.dev/vulnerability/GO-2024-2491'), 'GO-2024-2491');
    assert.equal(
      idFromIri('https://github.com/advisories/GHSA-xr7r-f8xq-vfvv/'),
      'GHSA-xr7r-f8xq-vfvv',
    );
    assert.equal(idFromIri('https://security-tracker.debian.org/tracker/DSA-5380-1'), 'DSA-5380-1');
  });
  it('gives nothing for other IRIs', () => {
    assert.equal(idFromIri('https://example.com/'), undefined);
    assert.equal(idFromIri('https://example.com/vulns/index.html'), undefined);
    assert.equal(idFromIri('urn:uuid:6f8c1b54-1f35-4b0e-9b38-2c5a0b6c9e57'), undefined);
    assert.equal(idFromIri('CVE-2024-21626'), undefined);
  });
});

describe('loadVex on broken documents', () => {
  const cases: [file: string, message: string][] = [
    ['vex-not-json.json', 'not valid JSON: '],
    [
      'vex-bad-status.json',
      'statement 2: `status` must be one of not_affected, affected, fixed, under_investigation, not "false_positive"',
    ],
    [
      'vex-no-justification.json',
      'statement 1: a not_affected statement needs a `justification` or an `impact_statement`',
    ],
    [
      'vex-subcomponent-typo.json',
      'statement 2: product 1: unknown key "subcomponent" in the product (expected @id, identifiers, hashes, subcomponents)',
    ],
    [
      'vex-cyclonedx.json',
      'not an OpenVEX document: `@context` must be https://openvex.dev/ns/v0.2.0, not null',
    ],
    [
      'vex-local-time.json',
      '`timestamp` in the document must be an RFC 3339 date-time with a time zone, not "2024-02-05T10:12:41"',
    ],
  ];
  for (const [file, message] of cases) {
    it(file, () => {
      const path = fixturePath('suppressions', 'broken', file);
      assert.throws(
        () => loadVex(path),
        (err: unknown) =>
          err instanceof InputError && err.subject === path && err.problem.startsWith(message),
      );
    });
  }

  const base = {
    '@context': 'https://openvex.dev/ns/v0.2.0',
    '@id': 'https://openvex.dev/docs/example/vex-broken',
    author: 'Demo',
    timestamp: '2024-02-05T10:12:41Z',
    version: 1,
  };
  const runc = { '@id': 'pkg:golang/github.com/opencontainers/runc@v1.1.11' };
  const inline: [doc: Record<string, unknown>, message: string][] = [
    [{ ...base, statements: [] }, '`statements` must be a non-empty list'],
    [
      { ...base, version: '1', statements: [] },
      '`version` in the document must be an integer from 1, not "1"',
    ],
    [{ ...base, author: undefined, statements: [] }, '`author` is required in the document'],
    [
      { ...base, statements: [{ vulnerability: { name: 'CVE-2024-21626' }, status: 'fixed' }] },
      'statement 1: `products` must be a non-empty list',
    ],
    [
      {
        ...base,
        statements: [{ vulnerability: 'CVE-2024-21626', products: [runc], status: 'fixed' }],
      },
      'statement 1: `vulnerability` must be an object with a `name`',
    ],
    [
      { ...base, statements: [{ vulnerability: {}, products: [runc], status: 'fixed' }] },
      'statement 1: `name` is required in `vulnerability`',
    ],
    [
      {
        ...base,
        statements: [
          { vulnerability: { name: 'CVE-2024-21626' }, products: [runc], status: 'affected' },
        ],
      },
      'statement 1: an affected statement needs an `action_statement`',
    ],
    [
      {
        ...base,
        statements: [
          {
            vulnerability: { name: 'CVE-2024-21626' },
            products: [runc],
            status: 'not_affected',
            justification: 'not_reachable',
          },
        ],
      },
      'statement 1: `justification` must be one of component_not_present, ',
    ],
    [
      {
        ...base,
        statements: [
          {
            vulnerability: { name: 'CVE-2024-21626' },
            products: [{ '@id': 'pkg:golang' }],
            status: 'fixed',
          },
        ],
      },
      'statement 1: product 1: `@id` is not a valid package URL: "pkg:golang"',
    ],
    [
      {
        ...base,
        statements: [
          {
            vulnerability: { name: 'CVE-2024-21626' },
            products: [{ hashes: { 'sha-256': MANIFEST.slice(7) } }],
            status: 'fixed',
          },
        ],
      },
      'statement 1: product 1: needs an `@id` or `identifiers` to say which software it is',
    ],
    [
      {
        ...base,
        statements: [
          {
            vulnerability: { name: 'CVE-2024-21626' },
            products: [{ '@id': 'x', subcomponents: [{ identifiers: { swid: 'x' } }] }],
            status: 'fixed',
          },
        ],
      },
      'statement 1: product 1: subcomponent 1: unknown key "swid" in `identifiers`',
    ],
    [
      {
        ...base,
        statements: [
          {
            vulnerability: { name: 'CVE-2024-21626' },
            products: [runc],
            status: 'fixed',
            timestamp: 'today',
          },
        ],
      },
      'statement 1: `timestamp` in the statement must be an RFC 3339 date-time',
    ],
  ];
  for (const [doc, message] of inline) {
    it(message, () => {
      assert.throws(
        () => parseVex(JSON.stringify(doc), 'vex.json'),
        (err: unknown) =>
          err instanceof InputError && err.message.startsWith(`vex.json: ${message}`),
      );
    });
  }
});
