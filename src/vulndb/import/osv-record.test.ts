import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import type { AdvisoryRecord } from '../advisory.js';
import { fixturePath } from '../../testing/fixtures.js';
import { osvToAdvisory, splitEcosystem } from './osv-record.js';

function load(...parts: string[]): unknown {
  const text = readFileSync(fixturePath('osv', ...parts), 'utf8');
  return parts.at(-1)!.endsWith('.json') ? JSON.parse(text) : parse(text, { schema: 'failsafe' });
}

function convert(
  doc: unknown,
  file = 'test.json',
): { record?: AdvisoryRecord; warnings: string[] } {
  const warnings: string[] = [];
  const record = osvToAdvisory(doc, file, { warn: (message) => warnings.push(message) });
  return record ? { record, warnings } : { warnings };
}

/** The real record converted, with no warning. */
function real(...parts: string[]): AdvisoryRecord {
  const { record, warnings } = convert(load(...parts), parts.join('/'));
  assert.deepEqual(warnings, []);
  assert.ok(record);
  return record;
}

/** A minimal synthetic record around one affected entry. */
function withAffected(id: string, ...affected: unknown[]): Record<string, unknown> {
  return { id, affected };
}

function pkg(ecosystem: string, name: string, ranges: unknown[], extra: object = {}): unknown {
  return { package: { ecosystem, name }, ranges, ...extra };
}

const fixedAt = (fixed: string, type = 'ECOSYSTEM') => ({
  type,
  events: [{ introduced: '0' }, { fixed }],
});

describe('osvToAdvisory on real PyPI records', () => {
  it('aiohttp PYSEC-2021-76: the GIT range dropped, the ECOSYSTEM one kept, versions and references kept', () => {
    const raw = load('records', 'pypi', 'PYSEC-2021-76.yaml') as {
      affected: { versions: string[] }[];
    };
    const record = real('records', 'pypi', 'PYSEC-2021-76.yaml');
    assert.equal(record.id, 'PYSEC-2021-76');
    assert.equal(record.source, 'osv');
    assert.deepEqual(record.aliases, ['CVE-2021-21330', 'GHSA-v6wp-4m6f-gcjg']);
    assert.equal(record.published, '2021-02-26T03:15:00Z');
    assert.equal(record.modified, '2021-03-26T20:01:00Z');
    assert.match(record.details!, /^aiohttp is an asynchronous HTTP client\/server framework/);
    assert.equal(record.summary, undefined);
    assert.equal(record.withdrawn, undefined);
    assert.equal(record.severity, undefined);
    assert.deepEqual(record.cvss, []);
    assert.equal(record.affected.length, 1);
    const [aiohttp] = record.affected;
    assert.deepEqual(
      { ...aiohttp, versions: aiohttp!.versions.length },
      {
        ecosystem: 'PyPI',
        release: '',
        name: 'aiohttp',
        scheme: 'pep440',
        ranges: [{ introduced: '0', fixed: '3.7.4' }],
        versions: 210,
      },
    );
    assert.deepEqual(aiohttp!.versions, raw.affected[0]!.versions);
    assert.equal(aiohttp!.versions.at(-1), '3.7.3');
    assert.equal(record.references.length, 7);
    assert.deepEqual(record.references, [...record.references].sort());
    assert.ok(record.references.includes('https://www.debian.org/security/2021/dsa-4864'));
  });

  it('django PYSEC-2024-102: three introduced/fixed pairs make three ranges, in the order written', () => {
    const record = real('records', 'pypi', 'PYSEC-2024-102.yaml');
    assert.deepEqual(record.aliases, ['CVE-2024-45230']);
    // Unquoted YAML timestamps stay the strings they were.
    assert.equal(record.modified, '2024-10-08T19:19:01.400873Z');
    assert.deepEqual(record.affected[0]!.ranges, [
      { introduced: '5.1', fixed: '5.1.1' },
      { introduced: '5.0', fixed: '5.0.9' },
      { introduced: '4.2', fixed: '4.2.16' },
    ]);
    assert.deepEqual(record.affected[0]!.versions.slice(0, 2), ['4.2', '4.2.1']);
  });

  it('py PYSEC-2022-42969: last_affected closes the range inclusively', () => {
    const record = real('records', 'pypi', 'PYSEC-2022-42969.yaml');
    assert.deepEqual(record.affected[0]!.ranges, [{ introduced: '0', lastAffected: '1.11.0' }]);
    assert.deepEqual(record.aliases, ['CVE-2022-42969', 'GHSA-w596-4wvx-j9j6']);
  });

  it('apache-skywalking PYSEC-2020-342: CVSS 3.1 scored from its vector, an open range, references deduplicated', () => {
    const record = real('records', 'pypi', 'PYSEC-2020-342.yaml');
    assert.deepEqual(record.cvss, [
      {
        version: '3.1',
        vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
        score: 9.8,
        source: 'pypa',
      },
    ]);
    assert.deepEqual(record.affected[0]!.ranges, [{ introduced: '0' }]);
    // Four references, one of them twice.
    assert.deepEqual(record.references, [
      'http://www.openwall.com/lists/oss-security/2020/08/05/3',
      'https://github.com/apache/skywalking/pull/4970',
      'https://lists.apache.org/thread.html/r6f3a934ebc54585d8468151a494c1919dc1ee2cccaf237ec434dbbd6%40%3Cdev.skywalking.apache.org%3E',
    ]);
  });

  it('redis PYSEC-2023-73: withdrawn is kept', () => {
    const record = real('records', 'pypi', 'PYSEC-2023-73.yaml');
    assert.equal(record.withdrawn, '2023-06-06T10:37:00Z');
  });

  it('jw.util PYSEC-2020-341: the name in its PEP 503 form', () => {
    const record = real('records', 'pypi', 'PYSEC-2020-341.yaml');
    assert.equal(record.affected[0]!.name, 'jw-util');
    assert.deepEqual(record.affected[0]!.ranges, [{ introduced: '0', fixed: '2.3' }]);
  });
});

describe('osvToAdvisory on real Go records', () => {
  it('GO-2024-2491 runc: a SEMVER range compared by Go rules', () => {
    const record = real('records', 'go', 'GO-2024-2491.json');
    assert.deepEqual(record, {
      id: 'GO-2024-2491',
      source: 'osv',
      aliases: ['CVE-2024-21626', 'GHSA-xr7r-f8xq-vfvv'],
      summary:
        'Container breakout through process.cwd trickery and leaked fds in github.com/opencontainers/runc',
      details:
        'Container breakout through process.cwd trickery and leaked fds in github.com/opencontainers/runc',
      published: '0001-01-01T00:00:00Z',
      modified: '0001-01-01T00:00:00Z',
      cvss: [],
      references: [
        'http://packetstormsecurity.com/files/176993/runc-1.1.11-File-Descriptor-Leak-Privilege-Escalation.html',
        'https://github.com/opencontainers/runc/commit/02120488a4c0fc487d1ed2867e901eeed7ce8ecf',
        'https://github.com/opencontainers/runc/security/advisories/GHSA-xr7r-f8xq-vfvv',
      ],
      affected: [
        {
          ecosystem: 'Go',
          release: '',
          name: 'github.com/opencontainers/runc',
          scheme: 'go',
          ranges: [{ introduced: '1.0.0-rc93', fixed: '1.1.12' }],
          versions: [],
        },
      ],
    });
  });

  it('GO-2024-2598 stdlib: two ranges from one events list', () => {
    const record = real('records', 'go', 'GO-2024-2598.json');
    assert.deepEqual(record.affected[0]!.name, 'stdlib');
    assert.deepEqual(record.affected[0]!.ranges, [
      { introduced: '0', fixed: '1.21.8' },
      { introduced: '1.22.0-0', fixed: '1.22.1' },
    ]);
  });

  it('GO-2024-2442: withdrawn, unfixed; custom_ranges in ecosystem_specific are not ranges', () => {
    const record = real('records', 'go', 'GO-2024-2442.json');
    assert.equal(record.withdrawn, '2024-01-23T12:50:23Z');
    assert.deepEqual(record.affected[0]!.ranges, [{ introduced: '0' }]);
    assert.deepEqual(record.aliases, ['GHSA-76cc-p55w-63g3']);
  });
});

describe('osvToAdvisory on distribution records', () => {
  it('DSA-5380-1: Debian:11 split into ecosystem and release, upstream ids as aliases', () => {
    const record = real('records', 'debian', 'DSA-5380-1.json');
    assert.deepEqual(record.aliases, ['CVE-2023-1393']);
    assert.equal(record.summary, 'xorg-server - security update');
    assert.deepEqual(record.affected, [
      {
        ecosystem: 'Debian',
        release: '11',
        name: 'xorg-server',
        scheme: 'deb',
        ranges: [{ introduced: '0', fixed: '2:1.20.11-1+deb11u6' }],
        versions: [],
      },
    ]);
  });

  it('ALPINE-CVE-2019-1547: one package per branch, sorted by release', () => {
    const record = real('records', 'alpine', 'ALPINE-CVE-2019-1547.json');
    assert.deepEqual(record.aliases, ['CVE-2019-1547']);
    assert.deepEqual(
      record.affected.map((p) => [p.ecosystem, p.release, p.name, p.scheme, p.ranges[0]!.fixed]),
      [
        ['Alpine', 'v3.10', 'openssl', 'apk', '1.1.1d-r0'],
        ['Alpine', 'v3.11', 'openssl', 'apk', '1.1.1d-r1'],
      ],
    );
  });

  // Synthetic records from here on: the shapes Debian and Ubuntu publish, with made-up packages and versions.
  it('a DEBIAN-CVE record without a fixed event is unfixed, with its urgency as the package severity', () => {
    const { record, warnings } = convert(
      withAffected(
        'DEBIAN-CVE-0000-0001',
        pkg('Debian:12', 'p', [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }], {
          ecosystem_specific: { urgency: 'unimportant' },
        }),
        pkg('Debian:bullseye', 'p', [fixedAt('1.0-1+deb11u1')], {
          ecosystem_specific: { urgency: 'low**' },
        }),
        pkg('Debian:13', 'p', [fixedAt('1.1-1')], {
          ecosystem_specific: { urgency: 'not yet assigned' },
        }),
      ),
    );
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      record!.affected.map((p) => [p.release, p.ranges, p.severity]),
      [
        ['11', [{ introduced: '0', fixed: '1.0-1+deb11u1' }], 'low'],
        ['12', [{ introduced: '0' }], 'negligible'],
        ['13', [{ introduced: '0', fixed: '1.1-1' }], undefined],
      ],
    );
  });

  it('Ubuntu: the release number without the Pro and LTS marks; an Ubuntu-typed severity is the record level', () => {
    const { record } = convert({
      id: 'UBUNTU-CVE-0000-0001',
      severity: [{ type: 'Ubuntu', score: 'medium' }],
      affected: [
        pkg('Ubuntu:22.04:LTS', 'q', [fixedAt('1.0-1ubuntu0.1')]),
        pkg('Ubuntu:Pro:18.04:LTS', 'p', [fixedAt('1.0-1ubuntu0.1~esm1')]),
      ],
    });
    assert.equal(record!.severity, 'medium');
    assert.deepEqual(
      record!.affected.map((p) => [p.ecosystem, p.release, p.name, p.scheme]),
      [
        ['Ubuntu', '18.04', 'p', 'deb'],
        ['Ubuntu', '22.04', 'q', 'deb'],
      ],
    );
  });
});

describe('splitEcosystem', () => {
  it('splits at the first colon and normalises the distribution releases', () => {
    const table: [string, string, string][] = [
      ['Debian:11', 'Debian', '11'],
      ['Debian:bookworm', 'Debian', '12'],
      ['Debian:sid', 'Debian', 'sid'],
      ['Debian', 'Debian', ''],
      ['Alpine:v3.18', 'Alpine', 'v3.18'],
      ['Alpine:3.18', 'Alpine', 'v3.18'],
      ['Ubuntu:22.04:LTS', 'Ubuntu', '22.04'],
      ['Ubuntu:Pro:18.04:LTS', 'Ubuntu', '18.04'],
      ['Ubuntu:24.10', 'Ubuntu', '24.10'],
      ['Red Hat:enterprise_linux:9::appstream', 'Red Hat', '9'],
      ['AlmaLinux:8', 'AlmaLinux', '8'],
      ['Rocky Linux:9', 'Rocky Linux', '9'],
      ['AlmaLinux:9', 'AlmaLinux', '9'],
      ['SUSE:Linux Enterprise Server 15 SP5', 'SUSE', 'Linux Enterprise Server 15 SP5'],
      ['Maven:https://maven.google.com', 'Maven', 'https://maven.google.com'],
      ['PyPI', 'PyPI', ''],
      ['Wolfi', 'Wolfi', ''],
    ];
    for (const [text, ecosystem, release] of table) {
      assert.deepEqual(splitEcosystem(text), { ecosystem, release }, text);
    }
  });
});

describe('version schemes', () => {
  it('follow the ecosystem; unknown ecosystems are kept with no scheme and no warning', () => {
    const table: [string, string][] = [
      ['Debian:11', 'deb'],
      ['Ubuntu:22.04:LTS', 'deb'],
      ['Alpine:v3.18', 'apk'],
      ['Wolfi', 'apk'],
      ['Chainguard', 'apk'],
      ['Red Hat:enterprise_linux:9::appstream', 'rpm'],
      ['Rocky Linux:9', 'rpm'],
      ['AlmaLinux:9', 'rpm'],
      ['SUSE:Linux Enterprise Server 15 SP5', 'rpm'],
      ['openSUSE:Leap 15.5', 'rpm'],
      ['Mageia:9', 'rpm'],
      ['Photon OS:5.0', 'rpm'],
      ['Azure Linux:3', 'rpm'],
      ['openEuler:22.03-LTS', 'rpm'],
      ['PyPI', 'pep440'],
      ['npm', 'semver'],
      ['Go', 'go'],
      ['Maven', 'maven'],
      ['crates.io', 'cargo'],
      ['RubyGems', 'gem'],
      ['NuGet', 'nuget'],
      ['Packagist', 'composer'],
      ['Hex', ''],
      ['Pub', ''],
    ];
    for (const [ecosystem, scheme] of table) {
      const { record, warnings } = convert(
        withAffected('X-1', pkg(ecosystem, 'p', [fixedAt('1.0')])),
      );
      assert.deepEqual(warnings, [], ecosystem);
      assert.equal(record!.affected[0]!.scheme, scheme, ecosystem);
    }
  });

  it('SEMVER ranges: semver, except Go and crates.io; a second package when the ecosystem compares otherwise', () => {
    const scheme = (ecosystem: string) =>
      convert(withAffected('X-1', pkg(ecosystem, 'p', [fixedAt('1.0.0', 'SEMVER')]))).record!
        .affected[0]!.scheme;
    assert.equal(scheme('npm'), 'semver');
    assert.equal(scheme('Go'), 'go');
    assert.equal(scheme('crates.io'), 'cargo');
    assert.equal(scheme('Hex'), 'semver');

    const { record } = convert(
      withAffected(
        'GHSA-test-0001',
        pkg('PyPI', 'Some_Package', [fixedAt('2.0', 'ECOSYSTEM'), fixedAt('2.0.0', 'SEMVER')], {
          versions: ['1.0', '1.5'],
        }),
      ),
    );
    assert.deepEqual(record!.affected, [
      {
        ecosystem: 'PyPI',
        release: '',
        name: 'some-package',
        scheme: 'pep440',
        ranges: [{ introduced: '0', fixed: '2.0' }],
        versions: ['1.0', '1.5'],
      },
      {
        ecosystem: 'PyPI',
        release: '',
        name: 'some-package',
        scheme: 'semver',
        ranges: [{ introduced: '0', fixed: '2.0.0' }],
        versions: [],
      },
    ]);
  });

  it('an entry with only GIT ranges keeps its versions and no range', () => {
    const { record } = convert(
      withAffected(
        'PYSEC-test-1',
        pkg(
          'PyPI',
          'p',
          [{ type: 'GIT', repo: 'https://example.org/p', events: [{ introduced: 'abc' }] }],
          {
            versions: ['1.0'],
          },
        ),
      ),
    );
    assert.deepEqual(record!.affected[0]!.ranges, []);
    assert.deepEqual(record!.affected[0]!.versions, ['1.0']);
  });
});

describe('event semantics', () => {
  const rangesOf = (events: unknown[]) => {
    const { record, warnings } = convert(
      withAffected('GO-test', pkg('Go', 'example.com/m', [{ type: 'SEMVER', events }])),
    );
    return { ranges: record!.affected[0]!.ranges, warnings };
  };

  it('limit is ignored; a second introduced inside an open range changes nothing', () => {
    assert.deepEqual(
      rangesOf([
        { introduced: '1.0.0' },
        { limit: '3.0.0' },
        { introduced: '1.5.0' },
        { fixed: '2.0.0' },
      ]),
      { ranges: [{ introduced: '1.0.0', fixed: '2.0.0' }], warnings: [] },
    );
  });

  it('a close with no open range is ignored with a warning', () => {
    assert.deepEqual(rangesOf([{ introduced: '0' }, { fixed: '1.0.0' }, { fixed: '1.1.0' }]), {
      ranges: [{ introduced: '0', fixed: '1.0.0' }],
      warnings: [
        'test.json: GO-test: example.com/m: fixed 1.1.0 with no open introduced before it: ignored',
      ],
    });
  });
});

describe('severity', () => {
  it('GHSA: database_specific level, v3 scored, v2 and v4 kept without a score, sorted by version', () => {
    const { record, warnings } = convert({
      id: 'GHSA-xr7r-f8xq-vfvv',
      aliases: ['CVE-2024-21626', 'GHSA-xr7r-f8xq-vfvv'],
      severity: [
        {
          type: 'CVSS_V4',
          score: 'CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H',
        },
        { type: 'CVSS_V3', score: 'CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H' },
        { type: 'CVSS_V2', score: 'AV:N/AC:L/Au:N/C:P/I:P/A:P' },
        { type: 'CVSS_V3', score: 'CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H' },
      ],
      database_specific: { severity: 'HIGH' },
      affected: [pkg('Go', 'github.com/opencontainers/runc', [fixedAt('1.1.12', 'SEMVER')])],
    });
    assert.deepEqual(warnings, []);
    assert.deepEqual(record!.aliases, ['CVE-2024-21626']);
    assert.equal(record!.severity, 'high');
    assert.deepEqual(record!.cvss, [
      { version: '2.0', vector: 'AV:N/AC:L/Au:N/C:P/I:P/A:P', source: 'ghsa' },
      {
        version: '3.1',
        vector: 'CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H',
        score: 8.6,
        source: 'ghsa',
      },
      {
        version: '4.0',
        vector: 'CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H',
        source: 'ghsa',
      },
    ]);
  });

  it('levels: MODERATE is medium; package-level severity entries feed the record cvss and the package level', () => {
    const { record } = convert({
      id: 'DLA-3000-1',
      database_specific: { severity: 'MODERATE' },
      affected: [
        pkg('Debian:10', 'p', [fixedAt('1.0-1')], {
          ecosystem_specific: { urgency: 'high' },
          severity: [
            { type: 'Ubuntu', score: 'Low' },
            { type: 'CVSS_V3', score: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N' },
          ],
        }),
      ],
    });
    assert.equal(record!.severity, 'medium');
    // The urgency outranks the Ubuntu-typed level; the CVSS entry is read all the same.
    assert.equal(record!.affected[0]!.severity, 'high');
    assert.deepEqual(record!.cvss, [
      {
        version: '3.0',
        vector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N',
        score: 5.3,
        source: 'debian',
      },
    ]);
  });

  it('a broken vector is kept without a score and warned about', () => {
    const { record, warnings } = convert({
      id: 'RUSTSEC-2024-0001',
      severity: [
        { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L' },
        { type: 'CVSS_V3', score: 'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
      ],
    });
    assert.deepEqual(record!.cvss, [
      { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L', source: 'rustsec' },
    ]);
    assert.deepEqual(warnings, [
      'test.json: RUSTSEC-2024-0001: severity: invalid CVSS vector "CVSS:3.1/AV:N/AC:L": kept without a score',
      'test.json: RUSTSEC-2024-0001: severity: CVSS_V3 vector "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" is not a CVSS v3 vector',
    ]);
  });
});

describe('malformed documents', () => {
  it('refuses what is not a record, naming the file and the id when there is one', () => {
    const cases: [unknown, string][] = [
      [42, 'f.json: (no id): not an OSV record (a JSON object): got 42'],
      [['GO-2024-2491'], 'f.json: (no id): not an OSV record (a JSON object): got an array'],
      [{ summary: 'no id' }, 'f.json: (no id): no id'],
      [{ id: '' }, 'f.json: (no id): no id'],
      [{ id: 'GO-1', affected: {} }, 'f.json: GO-1: affected is not an array: got an object'],
    ];
    for (const [doc, warning] of cases) {
      assert.deepEqual(convert(doc, 'f.json'), { warnings: [warning] });
    }
  });

  it('leaves out just the bad affected entry and keeps the rest', () => {
    const good = pkg('Go', 'example.com/good', [fixedAt('1.0.0', 'SEMVER')]);
    const cases: [unknown, string][] = [
      ['stdlib', 'affected[0] left out: not an object: got "stdlib"'],
      [{ package: { ecosystem: 'Go' } }, 'affected[0] left out: package has no name'],
      [{ package: { name: 'x' } }, 'affected[0] left out: package has no ecosystem'],
      [pkg('Go', 'x', {} as unknown[]), 'affected[0] left out: x: ranges is not an array'],
      [
        pkg('Go', 'x', [{ type: 'SEMVER', events: [] }]),
        'affected[0] left out: x: a range with no events',
      ],
      [pkg('Go', 'x', [{ type: 'SEMVER' }]), 'affected[0] left out: x: a range with no events'],
      [
        pkg('Go', 'x', [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixd: '1.0.0' }] }]),
        'affected[0] left out: x: an event of an unknown kind (fixd)',
      ],
      [
        pkg('Go', 'x', [{ type: 'SEMVER', events: [{ introduced: '0', fixed: '1.0.0' }] }]),
        'affected[0] left out: x: an event with several kinds (introduced, fixed)',
      ],
      [
        pkg('Go', 'x', [{ type: 'SEMVER', events: [{ introduced: 0 }] }]),
        'affected[0] left out: x: introduced is not a version string: got 0',
      ],
      [
        pkg('Go', 'x', [{ type: 'SEMVER', events: [{ fixed: '1.0.0' }] }]),
        'affected[0] left out: x: a range with no introduced event',
      ],
      [
        pkg('Go', 'x', [{ type: 'RANGE', events: [{ introduced: '0' }] }]),
        'affected[0] left out: x: unknown range type "RANGE"',
      ],
      [
        pkg('Go', 'x', [], { versions: [1] }),
        'affected[0] left out: x: versions is not a list of strings',
      ],
    ];
    for (const [bad, problem] of cases) {
      const { record, warnings } = convert(withAffected('GO-2024-0001', bad, good), 'go.json');
      assert.deepEqual(warnings, [`go.json: GO-2024-0001: ${problem}`]);
      assert.deepEqual(
        record!.affected.map((p) => p.name),
        ['example.com/good'],
      );
    }
  });

  it('ignores wrongly typed optional fields with a warning', () => {
    const { record, warnings } = convert({
      id: 'GO-2024-0002',
      aliases: 'CVE-2024-0002',
      upstream: ['CVE-2024-0003', 7],
      summary: 12,
      references: {},
      severity: 'HIGH',
    });
    assert.deepEqual(record!.aliases, ['CVE-2024-0003']);
    assert.equal(record!.summary, undefined);
    assert.deepEqual(warnings, [
      'test.json: GO-2024-0002: severity is not an array: ignored',
      'test.json: GO-2024-0002: aliases is not an array: ignored',
      'test.json: GO-2024-0002: upstream: entries that are not ids ignored',
      'test.json: GO-2024-0002: references is not an array: ignored',
      'test.json: GO-2024-0002: summary is not a string: ignored',
    ]);
  });

  it('an entry without a package (GIT-only, OSS-Fuzz style) is dropped quietly', () => {
    const { record, warnings } = convert({
      id: 'OSV-2020-111',
      affected: [
        { ranges: [{ type: 'GIT', repo: 'https://example.org/r', events: [{ introduced: 'a' }] }] },
      ],
    });
    assert.deepEqual(warnings, []);
    assert.deepEqual(record!.affected, []);
  });
});
