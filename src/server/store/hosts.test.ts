import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachStoreDialect, runEvent, testDigest } from '../../testing/store-dialects.js';
import { recordContainerEvents } from './containers.js';
import { labelsJson, listHosts } from './hosts.js';
import type { ImageRef } from './types.js';

const ALPINE: ImageRef = { digest: testDigest('e5'), digestKind: 'image', name: 'alpine:3.19' };

it('stores label sets with sorted keys', () => {
  assert.equal(
    labelsJson({ zone: 'eu-west-1a', 'kubernetes.io/os': 'linux' }),
    '{"kubernetes.io/os":"linux","zone":"eu-west-1a"}',
  );
  assert.equal(labelsJson({}), '{}');
});

forEachStoreDialect('hosts', (open) => {
  it('keeps first-seen, moves last-seen forward, takes labels from the newest report', async () => {
    const store = await open();
    const report = (seenAt: string, zone: string, agent?: string) => ({
      name: 'ip-10-0-1-17.eu-west-1.compute.internal',
      labels: { 'topology.kubernetes.io/zone': zone },
      seenAt,
      ...(agent ? { agent } : {}),
    });
    await recordContainerEvents(
      store,
      [],
      report('2024-03-01T08:00:00.000Z', 'eu-west-1a', 'seawall-agent 0.1.0'),
    );
    await recordContainerEvents(
      store,
      [],
      report('2024-03-01T09:00:00.000Z', 'eu-west-1b', 'seawall-agent 0.2.0'),
    );
    // A late report from before: it changes nothing.
    await recordContainerEvents(store, [], report('2024-03-01T08:30:00.000Z', 'eu-west-1c'));
    assert.deepEqual(await listHosts(store), [
      {
        name: 'ip-10-0-1-17.eu-west-1.compute.internal',
        labels: { 'topology.kubernetes.io/zone': 'eu-west-1b' },
        firstSeen: '2024-03-01T08:00:00.000Z',
        lastSeen: '2024-03-01T09:00:00.000Z',
        agent: 'seawall-agent 0.2.0',
        runningContainers: 0,
      },
    ]);
  });

  it('records the hosts events name, by their events, with the containers running on each', async () => {
    const store = await open();
    await recordContainerEvents(store, [
      runEvent('node-b', 'c1', ALPINE, '2024-03-01T10:00:00.000Z'),
      runEvent('node-b', 'c2', ALPINE, '2024-03-01T09:00:00.000Z', {
        stoppedAt: '2024-03-01T11:00:00.000Z',
      }),
      runEvent('node-a', 'c3', ALPINE, '2024-03-01T12:00:00.000Z'),
      runEvent('node-a', 'c4', ALPINE, '2024-03-01T12:00:01.000Z'),
    ]);
    await recordContainerEvents(store, [
      runEvent('node-b', 'c5', ALPINE, '2024-03-01T08:00:00.000Z'),
    ]);
    assert.deepEqual(await listHosts(store), [
      {
        name: 'node-a',
        labels: {},
        firstSeen: '2024-03-01T12:00:00.000Z',
        lastSeen: '2024-03-01T12:00:01.000Z',
        runningContainers: 2,
      },
      {
        name: 'node-b',
        labels: {},
        firstSeen: '2024-03-01T08:00:00.000Z',
        lastSeen: '2024-03-01T11:00:00.000Z',
        runningContainers: 2,
      },
    ]);
  });
});
