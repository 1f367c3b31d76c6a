import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../model/finding.js';
import { configResourceOf, resourceLabel } from './resource.js';
import { bareSpec } from './test-specs.js';

const withResource = (resource: string, path = 'deploy/web.yaml') =>
  ({ resource, location: { path } }) as Finding;

describe('resourceLabel', () => {
  it('names the Kubernetes workload and its containers', () => {
    const spec = bareSpec('kubernetes');
    assert.equal(resourceLabel(spec, ['app']), 'Deployment default/web, container app');
    assert.equal(
      resourceLabel(spec, ['app', 'proxy']),
      'Deployment default/web, containers app, proxy',
    );
    const pod = bareSpec('kubernetes', { resource: { kind: 'Pod', name: 'debug' } });
    assert.equal(resourceLabel(pod, ['debug']), 'Pod debug, container debug');
  });

  it('names a Compose service alone, and a container only when it differs from the workload', () => {
    assert.equal(resourceLabel(bareSpec('compose'), ['web']), 'service web (compose)');
    assert.equal(resourceLabel(bareSpec('docker-inspect'), ['web']), 'container web');
    assert.equal(resourceLabel(bareSpec('marathon'), ['web']), 'app /shop/web, container web');
  });
});

describe('configResourceOf', () => {
  it('reads the workload back from the labels resourceLabel writes, with the file', () => {
    assert.deepEqual(
      configResourceOf(withResource('Deployment default/web, containers app, proxy')),
      {
        kind: 'Deployment',
        namespace: 'default',
        name: 'web',
        file: 'deploy/web.yaml',
      },
    );
    assert.deepEqual(configResourceOf(withResource('service web (compose)', 'compose.yaml')), {
      kind: 'service',
      name: 'web',
      file: 'compose.yaml',
    });
    assert.deepEqual(configResourceOf(withResource('app /shop/web, container web', 'web.json')), {
      kind: 'app',
      name: '/shop/web',
      file: 'web.json',
    });
  });

  it('gives nothing for a finding without a workload', () => {
    assert.equal(configResourceOf({ location: {} } as Finding), undefined);
    assert.equal(configResourceOf(withResource('not a label at all')), undefined);
  });
});
