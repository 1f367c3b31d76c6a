import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { ContainerEvent } from '../server/store/types.js';
import { scratchDir } from '../testing/fixtures.js';
import { freePort } from '../testing/ports.js';
import { runAgent, runAgentLoop, type AgentOptions } from './agent.js';
import { ServerAuthError } from './client.js';
import { discoveryRoots } from './discover/container.js';
import { FIXTURE_HOST, IDS } from './discover/testing-host.js';
import { spoolFile, stateFile } from './state.js';
import { startFakeServer, type FakeServer } from './testing-server.js';

const T0 = new Date('2024-05-02T12:00:00.000Z');
const T1 = new Date('2024-05-02T12:00:10.000Z');

describe('runAgent against a recording server', () => {
  let scratch: { dir: string; remove: () => void };
  let server: FakeServer;
  let host: string;
  let options: AgentOptions;
  const warnings: string[] = [];

  beforeEach(async () => {
    scratch = scratchDir('agent');
    host = join(scratch.dir, 'host');
    cpSync(FIXTURE_HOST, host, { recursive: true });
    server = await startFakeServer();
    warnings.length = 0;
    options = {
      server: server.url,
      token: server.token,
      hostName: 'node-1',
      labels: { zone: 'eu-1', env: 'test' },
      stateDir: join(scratch.dir, 'state'),
      roots: discoveryRoots(host),
      now: () => T0,
      warn: (m) => warnings.push(m),
    };
  });
  afterEach(async () => {
    await server.close();
    scratch.remove();
  });

  const eventsOf = (i: number) =>
    (server.reports()[i]!.body as { events: ContainerEvent[] }).events;
  const spoolLines = () => {
    try {
      return readFileSync(spoolFile(options.stateDir!), 'utf8').split('\n').filter(Boolean).length;
    } catch {
      return 0;
    }
  };

  it('reports a start per running container, then uploads a CycloneDX SBOM of each unknown image', async () => {
    const result = await runAgent(options);
    assert.deepEqual(result, {
      running: 4,
      started: 4,
      stopped: 0,
      sent: 4,
      pending: 0,
      sbomsUploaded: [...server.sboms.keys()].sort(),
      sbomsPending: [],
    });
    const [report] = server.reports();
    assert.equal(report!.authorization, `Bearer ${server.token}`);
    assert.equal(report!.contentType, 'application/json');
    const body = report!.body as { host: { agent: string }; events: ContainerEvent[] };
    const { agent, ...hostPart } = body.host;
    // The server stamps the time it saw the host itself; the agent names itself.
    assert.deepEqual(hostPart, { name: 'node-1', labels: { env: 'test', zone: 'eu-1' } });
    assert.match(agent, /^seawall-agent\/\d/);
    const docker = body.events.find((e) => e.runtime === 'docker');
    assert.deepEqual(docker, {
      host: 'node-1',
      runtime: 'docker',
      containerId: IDS.dockerWeb,
      name: 'web',
      image: { digest: IDS.dockerImage, digestKind: 'image', name: 'nginx:1.25' },
      labels: {
        'com.docker.compose.project': 'shop',
        'com.docker.compose.service': 'web',
        maintainer: 'NGINX Docker Maintainers <docker-maint@nginx.com>',
      },
      startedAt: '2024-05-02T09:14:07.061Z',
    });
    assert.deepEqual(
      body.events.map((e) => [e.runtime, e.image.digestKind, e.stoppedAt]),
      [
        ['containerd', 'rootfs', undefined],
        ['docker', 'image', undefined],
        ['lxc', 'rootfs', undefined],
        ['podman', 'image', undefined],
      ],
    );

    // One upload per image, each a CycloneDX document; the LXC root's dpkg database gives its packages.
    const puts = server.requests.filter((r) => r.method === 'PUT');
    assert.equal(puts.length, 4);
    const lxc = body.events.find((e) => e.runtime === 'lxc')!;
    const lxcPut = puts.find((r) => r.path === `/v1/images/${lxc.image.digest}/sbom`)!;
    assert.deepEqual(lxcPut.query, { kind: 'rootfs' });
    const bom = lxcPut.body as {
      bomFormat: string;
      specVersion: string;
      components: { purl?: string }[];
    };
    assert.equal(bom.bomFormat, 'CycloneDX');
    assert.equal(bom.specVersion, '1.6');
    assert.deepEqual(
      bom.components
        .map((c) => c.purl)
        .filter((p) => p?.startsWith('pkg:deb/'))
        .sort(),
      [
        'pkg:deb/debian/base-files@12.4+deb12u11?arch=amd64&distro=debian-12',
        'pkg:deb/debian/mawk@1.3.4.20200120-3.1?arch=amd64&distro=debian-12',
        'pkg:deb/debian/tar@1.34+dfsg-1.2+deb12u1?arch=amd64&distro=debian-12',
      ],
    );
    const dockerPut = puts.find((r) => r.path === `/v1/images/${IDS.dockerImage}/sbom`)!;
    assert.deepEqual(dockerPut.query, { kind: 'image', name: 'nginx:1.25' });

    // Nothing changed: one empty report says the host is alive; the server has every SBOM now.
    const again = await runAgent({ ...options, now: () => T1 });
    assert.equal(again.started + again.stopped + again.sent, 0);
    assert.equal(server.reports().length, 2);
    assert.deepEqual(eventsOf(1), []);
    assert.equal(server.requests.filter((r) => r.method === 'PUT').length, 4);
    assert.deepEqual(warnings, []);
  });

  it('reports a container gone as stopped, at the pass that first saw it gone', async () => {
    await runAgent(options);
    rmSync(join(host, 'sys/fs/cgroup/lxc.payload.web'), { recursive: true });
    const result = await runAgent({ ...options, now: () => T1 });
    assert.equal(result.stopped, 1);
    assert.equal(result.running, 3);
    const started = eventsOf(0).find((e) => e.runtime === 'lxc')!;
    assert.deepEqual(eventsOf(1), [{ ...started, stoppedAt: T1.toISOString() }]);
    // Stopped once: a later pass says nothing more of it.
    await runAgent({ ...options, now: () => new Date('2024-05-02T12:00:20Z') });
    assert.deepEqual(eventsOf(2), []);
  });

  it('sends the spool in batches of at most batchSize events', async () => {
    const result = await runAgent({ ...options, batchSize: 3 });
    assert.equal(result.sent, 4);
    assert.deepEqual(
      server.reports().map((r) => (r.body as { events: unknown[] }).events.length),
      [3, 1],
    );
  });

  it('keeps the events while the server answers 503 or is down, and sends them later', async () => {
    server.mode = 'unavailable';
    const away = await runAgent(options);
    assert.equal(away.sent, 0);
    assert.equal(away.pending, 4);
    assert.match(away.problem ?? '', /HTTP 503 \(the store is not reachable\)/);
    assert.equal(spoolLines(), 4);

    const down = await runAgent({ ...options, server: `http://127.0.0.1:${await freePort()}` });
    assert.equal(down.pending, 4);
    assert.match(down.problem ?? '', /connection refused/);

    server.mode = 'ok';
    const back = await runAgent({ ...options, now: () => T1 });
    assert.equal(back.sent, 4);
    assert.equal(back.pending, 0);
    assert.equal(spoolLines(), 0);
    assert.equal(server.runs.size, 4);
    assert.equal(back.sbomsUploaded.length, 4);
  });

  it('resends, and only resends, what the server applied but the agent never saw acknowledged', async () => {
    server.mode = 'apply-then-drop';
    const cut = await runAgent(options);
    assert.equal(cut.sent, 0);
    assert.equal(cut.pending, 4);
    assert.equal(server.runs.size, 4); // applied server-side
    const first = eventsOf(0);

    // The agent also dies before saving its state: the next pass makes the same starts again.
    rmSync(stateFile(options.stateDir!));
    server.mode = 'ok';
    const resent = await runAgent({ ...options, now: () => T1 });
    assert.equal(resent.started, 4);
    assert.equal(resent.sent, 4);
    // The spool held each start twice; one report carries each run once, exactly as first sent.
    assert.deepEqual(eventsOf(1), first);
    assert.equal(server.runs.size, 4);
  });

  it('keeps an SBOM the server could not take for a later pass', async () => {
    server.mode = 'sbom-unavailable';
    const first = await runAgent(options);
    assert.equal(first.sent, 4);
    assert.equal(first.sbomsUploaded.length, 0);
    assert.equal(first.sbomsPending.length, 4);
    assert.match(first.problem ?? '', /HTTP 503/);
    server.mode = 'ok';
    const second = await runAgent({ ...options, now: () => T1 });
    assert.deepEqual(second.sbomsUploaded, first.sbomsPending);
    assert.deepEqual(second.sbomsPending, []);
    assert.equal(server.sboms.size, 4);
  });

  it('stops with ServerAuthError on a refused token, keeping the spool', async () => {
    await assert.rejects(runAgent({ ...options, token: 'wrong' }), (err: unknown) => {
      assert.ok(err instanceof ServerAuthError);
      assert.equal(err.status, 401);
      assert.match(err.message, /refused the agent token \(HTTP 401\)/);
      return true;
    });
    assert.equal(spoolLines(), 4);
  });

  it('loops: retries with backoff, well before the interval, while the server is away', async () => {
    server.mode = 'unavailable';
    const stop = new AbortController();
    const passes: { at: number; sent: number; problem?: string }[] = [];
    const began = Date.now();
    await runAgentLoop({
      ...options,
      intervalSeconds: 60,
      retryDelayMs: 100,
      signal: stop.signal,
      onPass: (r) => {
        passes.push({ ...r, at: Date.now() - began });
        if (passes.length === 3) server.mode = 'ok';
        if (passes.length === 4) stop.abort(); // ends the loop's wait for the next interval at once
      },
    });
    assert.deepEqual(
      passes.map((p) => [p.sent, p.problem !== undefined]),
      [
        [0, true],
        [0, true],
        [0, true],
        [4, false],
      ],
    );
    // Waits of 100, 200 and 400 ms, not 60 s: the backoff doubles from the first retry delay.
    const gaps = passes.slice(1).map((p, i) => p.at - passes[i]!.at);
    assert.ok(gaps[0]! >= 100 && gaps[1]! >= 200 && gaps[2]! >= 400, `gaps ${gaps.join(', ')}`);
    assert.ok(Date.now() - began < 10_000);
    assert.equal(server.runs.size, 4);
  });
});
