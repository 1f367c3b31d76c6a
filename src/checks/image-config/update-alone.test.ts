import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixtureInventory, inventoryWith } from './config-fixture.js';
import { checkContext } from './context.js';
import { lonelyUpdates, updateAloneFindings } from './update-alone.js';

const run = (inv: Parameters<typeof checkContext>[0]) => updateAloneFindings(checkContext(inv));

describe('lonelyUpdates', () => {
  const fires: [string, string[]][] = [
    ['apt-get update', ['apt-get update']],
    ['apt update', ['apt update']],
    ['apt-get -qq update', ['apt-get update']],
    ['apt-get -o Acquire::Retries=3 update', ['apt-get update']],
    ['DEBIAN_FRONTEND=noninteractive sudo apt-get update', ['apt-get update']],
    ['/usr/bin/apt-get update && echo done', ['apt-get update']],
    ['apk update', ['apk update']],
    ['yum -y update && yum clean all', ['yum update']],
    ['dnf makecache', ['dnf makecache']],
    ['zypper --non-interactive refresh', ['zypper refresh']],
    // An install before the update does not count.
    ['apt-get install -y curl; apt-get update', ['apt-get update']],
    // Another manager's install does not count either.
    ['apt-get update && pip install requests', ['apt-get update']],
    ['set -eux; \\\n  apt-get update; \\\n  rm -rf /tmp/*', ['apt-get update']],
  ];
  for (const [script, expected] of fires)
    it(`fires: ${script}`, () => assert.deepEqual(lonelyUpdates(script), expected));

  const passes = [
    'apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
    'apt update && apt upgrade -y',
    'apt-get update && apt install -y curl',
    'apk update && apk add curl',
    'apk add --no-cache curl',
    'yum update -y && yum install -y httpd',
    'dnf -y upgrade',
    'set -eux; apt-get update; apt-get install -y ca-certificates',
    'if [ -x /usr/bin/apt-get ]; then apt-get update && apt-get install -y git; fi',
    'echo apt-get update',
    'pip install --upgrade pip',
  ];
  for (const script of passes)
    it(`passes: ${script}`, () => assert.deepEqual(lonelyUpdates(script), []));
});

describe('SW-IMG-009 update without install', () => {
  it('fires on classic `|1 NPM_TOKEN=... /bin/sh -c apt-get update`, never showing the build arg', () => {
    const findings = run(fixtureInventory('classic-app.json'));
    assert.deepEqual(
      findings.map((f) => [f.id, f.title, f.location, f.evidence]),
      [
        [
          'SW-IMG-009',
          'Package index update without an install in the same RUN (apt-get update, history[3].created_by)',
          { jsonPath: 'history[3].created_by', layer: 1 },
          'apt-get update',
        ],
      ],
    );
    assert.deepEqual(findings[0]!.frameworks, {
      'cis-docker': ['4.7'],
      dockle: ['CIS-DI-0007'],
      trivy: ['DS017'],
    });
  });

  it('fires on BuildKit `RUN /bin/sh -c apt-get update # buildkit`', () => {
    assert.deepEqual(
      run(fixtureInventory('buildkit-app.json')).map((f) => f.location),
      [{ jsonPath: 'history[1].created_by', layer: 1 }],
    );
  });

  it('passes update and install in one step, and reads only RUN steps', () => {
    assert.deepEqual(run(fixtureInventory('hardened.json')), []);
    assert.deepEqual(
      run(
        inventoryWith({
          history: [
            { createdBy: '/bin/sh -c #(nop)  LABEL note=apt-get update', emptyLayer: true },
          ],
        }),
      ),
      [],
    );
  });
});
