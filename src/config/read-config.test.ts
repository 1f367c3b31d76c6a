import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../errors.js';
import { fixturePath, scratchDir } from '../testing/fixtures.js';
import { readConfigFile, readConfigText } from './read-config.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const UNKNOWN =
  'not a known configuration (expected docker/podman inspect JSON, an OCI runtime config.json, Kubernetes manifests, a Compose file, an LXC config or a Marathon app)';

describe('readConfigFile', () => {
  it('tells every kind from its content, whatever the file is called', async () => {
    const cases: [string, string, string[]][] = [
      [
        'docker-inspect/fail-node-agent-and-shop-web.json',
        'docker-inspect',
        ['node-agent', 'shop-web'],
      ],
      ['docker-inspect/pass-shop-api.json', 'docker-inspect', ['shop-api']],
      ['podman-inspect/fail-webapp.json', 'podman-inspect', ['webapp']],
      ['podman-inspect/pass-ledger.json', 'podman-inspect', ['ledger']],
      ['oci-runtime/fail-monitor-bundle.json', 'oci-runtime', ['monitor']],
      ['oci-runtime/pass-cri-api.json', 'oci-runtime', ['api']],
      ['compose/fail-shop.compose.yaml', 'compose', ['proxy', 'agent', 'db', 'app']],
      ['compose/pass-shop.stack.yml', 'compose', ['api', 'worker']],
      ['lxc/fail-build-runner/config', 'lxc', ['build-runner']],
      ['lxc/pass-web-01/config', 'lxc', ['web-01']],
      [
        'marathon/fail-shop-group.json',
        'marathon',
        ['/shop/edge-proxy', '/shop/monitoring/node-agent'],
      ],
      ['marathon/pass-shop-api.json', 'marathon', ['/shop/api']],
    ];
    for (const [name, kind, resources] of cases) {
      const file = fixturePath('config', ...name.split('/'));
      const read = await readConfigFile(file);
      assert.equal(read.kind, kind, name);
      assert.deepEqual(
        read.containers.map((c) => c.resource.name),
        resources,
        name,
      );
      assert.ok(
        read.containers.every((c) => c.file === file && c.container.at.file === file),
        name,
      );
    }
  });

  it('hands Kubernetes manifests to the Kubernetes reader', () => {
    const manifest = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: web, namespace: shop}',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: app',
      '          image: nginx:1.25',
      '',
    ].join('\n');
    const read = readConfigText(manifest, 'web.yaml');
    assert.equal(read.kind, 'kubernetes');
    assert.equal(read.pods.length, 1);
  });

  it('reads LXC text that YAML would refuse, and a BOM-led file', () => {
    const lxc = 'lxc.uts.name = odd\nlxc.environment = GREETING: hello\n';
    assert.equal(readConfigText(lxc, 'odd.conf').kind, 'lxc');
    assert.equal(
      readConfigText('\uFEFFservices:\n  web:\n    image: nginx\n', 'c.yml').kind,
      'compose',
    );
  });

  it('names the kinds it knows for anything else, and passes the parser’s line on bad syntax', async () => {
    assert.throws(
      () => readConfigText('just: some\nsettings: [1, 2]\n', 'settings.yaml'),
      (err: unknown) =>
        err instanceof InputError && err.subject === 'settings.yaml' && err.problem === UNKNOWN,
    );
    assert.throws(() => readConfigText('', 'empty.json'), { problem: UNKNOWN });
    assert.throws(() => readConfigText('a\u0000b', 'bin'), {
      problem: `${UNKNOWN}: binary content`,
    });
    assert.throws(
      () =>
        readConfigText('{\n  "HostConfig": {\n    "Privileged": true,,\n  }\n}\n', 'broken.json'),
      (err: unknown) =>
        err instanceof InputError && err.subject === 'broken.json' && /^line 3: /.test(err.problem),
    );
    const scratch = scratchDir('read-config');
    try {
      await assert.rejects(readConfigFile(join(scratch.dir, 'missing.json')), {
        problem: 'no such file',
      });
      await assert.rejects(readConfigFile(scratch.dir), {
        problem: 'is a directory, not a configuration file',
      });
      const file = join(scratch.dir, 'compose.yaml');
      writeFileSync(file, 'services:\n  web:\n    image: nginx\n    privileged: true\n');
      const read = await readConfigFile(file);
      assert.deepEqual(read.containers[0]?.privileged, {
        value: true,
        at: { file, line: 4, jsonPath: '$.services.web.privileged' },
      });
    } finally {
      scratch.remove();
    }
  });
});
