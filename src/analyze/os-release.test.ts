import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OsInfo } from '../model/os.js';
import { fixturePath } from '../testing/fixtures.js';
import { runAnalyzers, type TestLayer } from '../testing/analyzer-harness.js';
import { osAnalyzer, parseOsRelease } from './os-release.js';

async function osOf(...layers: TestLayer[]): Promise<OsInfo | undefined> {
  const result = await runAnalyzers([osAnalyzer], layers);
  assert.deepEqual(result.warnings, []);
  return result.os;
}

describe('os analyzer on real release files', () => {
  const cases: [string, OsInfo][] = [
    [
      'debian-12',
      {
        family: 'debian',
        version: '12',
        codename: 'bookworm',
        prettyName: 'Debian GNU/Linux 12 (bookworm)',
        source: 'usr/lib/os-release',
      },
    ],
    [
      'ubuntu-22.04',
      {
        family: 'ubuntu',
        version: '22.04',
        codename: 'jammy',
        prettyName: 'Ubuntu 22.04.4 LTS',
        source: 'usr/lib/os-release',
      },
    ],
    [
      'alpine-3.19',
      {
        family: 'alpine',
        version: '3.19.1',
        prettyName: 'Alpine Linux v3.19',
        source: 'usr/lib/os-release',
      },
    ],
    [
      'fedora-39',
      {
        family: 'fedora',
        version: '39',
        prettyName: 'Fedora Linux 39 (Container Image)',
        source: 'usr/lib/os-release',
      },
    ],
    [
      'rocky-9.3',
      {
        family: 'rocky',
        version: '9.3',
        prettyName: 'Rocky Linux 9.3 (Blue Onyx)',
        source: 'etc/os-release',
      },
    ],
    [
      'rhel-ubi-9.3',
      {
        family: 'rhel',
        version: '9.3',
        prettyName: 'Red Hat Enterprise Linux 9.3 (Plow)',
        source: 'etc/os-release',
      },
    ],
    [
      // testing has no VERSION_ID: debian_version is the only release word
      'debian-testing',
      {
        family: 'debian',
        version: 'trixie/sid',
        codename: 'trixie',
        prettyName: 'Debian GNU/Linux trixie/sid',
        source: 'usr/lib/os-release',
      },
    ],
    ['debian-version-only', { family: 'debian', version: '12.5', source: 'etc/debian_version' }],
    ['alpine-release-only', { family: 'alpine', version: '3.19.1', source: 'etc/alpine-release' }],
    [
      'centos-6',
      {
        family: 'centos',
        version: '6.10',
        codename: 'Final',
        prettyName: 'CentOS release 6.10 (Final)',
        source: 'etc/centos-release',
      },
    ],
  ];
  for (const [name, expected] of cases) {
    it(name, async () => {
      assert.deepEqual(await osOf(fixturePath('os', name)), expected);
    });
  }
});

describe('os analyzer across layers', () => {
  it('follows etc/os-release to the copy a later layer wrote', async () => {
    const os = await osOf(fixturePath('os', 'debian-12'), {
      'usr/lib/os-release': 'ID=ubuntu\nVERSION_ID="24.04"\nVERSION_CODENAME=noble\n',
    });
    assert.deepEqual(os, {
      family: 'ubuntu',
      version: '24.04',
      codename: 'noble',
      source: 'usr/lib/os-release',
    });
  });

  it('falls back when a later layer deletes os-release', async () => {
    const os = await osOf(fixturePath('os', 'debian-12'), { 'usr/lib/os-release': null });
    assert.deepEqual(os, { family: 'debian', version: '12.11', source: 'etc/debian_version' });
  });

  it('finds nothing in an image without release files', async () => {
    assert.equal(await osOf({ 'etc/hostname': 'box\n' }), undefined);
  });

  it('ignores an os-release without ID and uses the next source', async () => {
    const os = await osOf({ 'etc/os-release': 'NAME=Unknown\n', 'etc/alpine-release': '3.18.4\n' });
    assert.deepEqual(os, { family: 'alpine', version: '3.18.4', source: 'etc/alpine-release' });
  });
});

describe('parseOsRelease', () => {
  it('reads unquoted, double-quoted (with escapes) and single-quoted values, skipping comments and junk', () => {
    const fields = parseOsRelease(
      [
        '# comment',
        'ID=debian',
        'PRETTY_NAME="Say \\"hi\\" \\$HOME"',
        "NAME='Single Quoted'",
        'not an assignment',
        'EMPTY=',
      ].join('\n'),
    );
    assert.deepEqual(fields, {
      ID: 'debian',
      PRETTY_NAME: 'Say "hi" $HOME',
      NAME: 'Single Quoted',
      EMPTY: '',
    });
  });
});
