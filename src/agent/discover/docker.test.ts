import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { scratchDir } from '../../testing/fixtures.js';
import { discoverDocker, discoverDockerFiles } from './docker.js';
import { FIXTURE_HOST, IDS, fixtureContext } from './testing-host.js';

describe('discoverDocker from /var/lib/docker', () => {
  it('reports the running container with its image id, reference, labels and overlay2 root', () => {
    const ctx = fixtureContext();
    const found = discoverDockerFiles(ctx.roots.docker, ctx);
    assert.deepEqual(found, [
      {
        runtime: 'docker',
        containerId: IDS.dockerWeb,
        name: 'web',
        pid: 4101,
        startedAt: '2024-05-02T09:14:07.061Z',
        labels: {
          'com.docker.compose.project': 'shop',
          'com.docker.compose.service': 'web',
          maintainer: 'NGINX Docker Maintainers <docker-maint@nginx.com>',
        },
        image: { digest: IDS.dockerImage, digestKind: 'image', name: 'nginx:1.25' },
        rootfs: join(FIXTURE_HOST, 'var/lib/docker/overlay2', IDS.dockerMount, 'merged'),
      },
    ]);
    // The exited container and the one whose pid is gone (a daemon that died) are not running; neither is a warning.
    assert.deepEqual(ctx.warnings, []);
  });

  it('falls back to the files when the socket does not answer', async () => {
    const ctx = fixtureContext();
    const scratch = scratchDir('docker-socket');
    try {
      const found = await discoverDocker(ctx.roots.docker, join(scratch.dir, 'absent.sock'), ctx);
      assert.deepEqual(
        found.map((c) => c.name),
        ['web'],
      );
    } finally {
      scratch.remove();
    }
  });
});

describe('discoverDocker through the Engine API', () => {
  const scratch = scratchDir('docker-api');
  const socket = join(scratch.dir, 'docker.sock');
  const requests: string[] = [];
  let server: Server;
  const gone = 'ab'.repeat(32);
  before(async () => {
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      // The answers of Docker 25 (API 1.44 serving v1.41), reduced to the fields that matter plus a few others.
      if (req.url === '/v1.41/containers/json')
        return send(200, [
          {
            Id: IDS.dockerWeb,
            Names: ['/web'],
            Image: 'nginx:1.25',
            ImageID: IDS.dockerImage,
            Command: "/docker-entrypoint.sh nginx -g 'daemon off;'",
            Created: 1714641246,
            State: 'running',
            Status: 'Up 2 hours',
            Labels: { 'com.docker.compose.service': 'web' },
          },
          { Id: gone, Names: ['/gone'], State: 'running' },
        ]);
      if (req.url === `/v1.41/containers/${IDS.dockerWeb}/json`)
        return send(200, {
          Id: IDS.dockerWeb,
          Created: '2024-05-02T09:14:06.612233145Z',
          State: {
            Status: 'running',
            Running: true,
            Paused: false,
            Pid: 4101,
            StartedAt: '2024-05-02T09:14:07.061734295Z',
            FinishedAt: '0001-01-01T00:00:00Z',
          },
          Image: IDS.dockerImage,
          Name: '/web',
          GraphDriver: {
            Name: 'overlay2',
            Data: { MergedDir: `/var/lib/docker/overlay2/${IDS.dockerMount}/merged` },
          },
          Config: { Image: 'nginx:1.25', Labels: { 'com.docker.compose.service': 'web' } },
        });
      // Removed between the list and the inspect.
      return send(404, { message: `No such container: ${gone}` });
    });
    await new Promise<void>((r) => server.listen(socket, r));
  });
  after(async () => {
    await new Promise((r) => server.close(r));
    scratch.remove();
  });

  it('prefers the API, inspecting each container listed', async () => {
    const ctx = fixtureContext();
    const found = await discoverDocker(ctx.roots.docker, socket, ctx);
    assert.deepEqual(found, [
      {
        runtime: 'docker',
        containerId: IDS.dockerWeb,
        name: 'web',
        pid: 4101,
        startedAt: '2024-05-02T09:14:07.061Z',
        labels: { 'com.docker.compose.service': 'web' },
        image: { digest: IDS.dockerImage, digestKind: 'image', name: 'nginx:1.25' },
        rootfs: join(FIXTURE_HOST, 'var/lib/docker/overlay2', IDS.dockerMount, 'merged'),
      },
    ]);
    assert.deepEqual(requests, [
      'GET /v1.41/containers/json',
      `GET /v1.41/containers/${IDS.dockerWeb}/json`,
      `GET /v1.41/containers/${gone}/json`,
    ]);
    assert.deepEqual(ctx.warnings, []);
  });
});
