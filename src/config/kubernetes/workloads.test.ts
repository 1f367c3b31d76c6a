import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiGroup, podTemplatePlace } from './workloads.js';

describe('podTemplatePlace', () => {
  it('knows where every workload kind keeps its pod', () => {
    assert.deepEqual(podTemplatePlace('v1', 'Pod'), { spec: ['spec'], metadata: ['metadata'] });
    for (const [apiVersion, kind] of [
      ['apps/v1', 'Deployment'],
      ['apps/v1', 'StatefulSet'],
      ['apps/v1', 'DaemonSet'],
      ['apps/v1', 'ReplicaSet'],
      ['extensions/v1beta1', 'Deployment'],
      ['batch/v1', 'Job'],
      ['v1', 'ReplicationController'],
    ]) {
      assert.deepEqual(
        podTemplatePlace(apiVersion!, kind!)?.spec,
        ['spec', 'template', 'spec'],
        kind,
      );
    }
    assert.deepEqual(podTemplatePlace('batch/v1', 'CronJob'), {
      spec: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
      metadata: ['spec', 'jobTemplate', 'spec', 'template', 'metadata'],
    });
    assert.deepEqual(podTemplatePlace('v1', 'PodTemplate')?.spec, ['template', 'spec']);
  });

  it('reads past kinds that run no pods, and same-named kinds of other API groups', () => {
    assert.equal(podTemplatePlace('v1', 'Service'), undefined);
    assert.equal(podTemplatePlace('v1', 'ConfigMap'), undefined);
    assert.equal(podTemplatePlace('example.com/v1', 'Deployment'), undefined);
    assert.equal(podTemplatePlace('apps/v1', 'Pod'), undefined);
    assert.equal(podTemplatePlace('v1', 'constructor'), undefined);
    assert.equal(podTemplatePlace('v1', 'toString'), undefined);
  });

  it('takes the group from the apiVersion', () => {
    assert.equal(apiGroup('v1'), '');
    assert.equal(apiGroup('apps/v1'), 'apps');
    assert.equal(apiGroup('networking.k8s.io/v1'), 'networking.k8s.io');
  });
});
