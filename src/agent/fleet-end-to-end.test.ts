import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { request } from 'undici';
import { removeContainer } from '../runtime/containers/remove-container.js';
import { runContainer } from '../runtime/containers/run-container.js';
import { runcKill } from '../runtime/runc.js';
import { openTarget } from '../source/open-target.js';
import { startServer } from '../server/http/start-server.js';
import { openStore } from '../server/store/open-store.js';
import { createToken } from '../server/store/tokens.js';
import type { ContainerRow, FleetStore, ImageDetail, Page } from '../server/store/types.js';
import { scratchDir } from '../testing/fixtures.js';
import { freePort } from '../testing/ports.js';
import { runtimeImage } from '../testing/runtime-image.js';
import { bundledTestDb } from '../testing/vulndb.js';
import { VulnDatabase } from '../vulndb/database.js';
import { runAgent } from './agent.js';

// The whole path on real parts: a runc container started by `seawall run`, the agent discovering it, the real
// server (SQLite store, the bundled vulnerability data) storing its run and its image's SBOM; then the server goes
// away while the container stops, and the stop waits in the agent's spool until the server is back.
describe('agent and server end to end', () => {
  const scratch = scratchDir('fleet-e2e');
  const name = `swe-${randomBytes(3).toString('hex')}`;
  const runtimeState = join(scratch.dir, 'runtime');
  const agentState = join(scratch.dir, 'agent');
  const host = `e2e-${name}`;
  let store: FleetStore;
  let db: VulnDatabase;
  let port: number;
  let server: { url: string; close(): Promise<void> } | undefined;
  let tokens: { agent: string; viewer: string };
  let imageId: string;

  const serve = async () => {
    const ctx = { store, vulnDb: () => db, registryAllow: [], now: () => new Date() };
    server = await startServer(ctx, { port });
  };
  const get = async <T>(path: string): Promise<T> => {
    const res = await request(`http://127.0.0.1:${port}${path}`, {
      headers: { authorization: `Bearer ${tokens.viewer}` },
    });
    assert.equal(res.statusCode, 200, path);
    return (await res.body.json()) as T;
  };
  const agentPass = () =>
    runAgent({
      server: `http://127.0.0.1:${port}`,
      token: tokens.agent,
      stateDir: agentState,
      hostName: host,
      labels: { zone: 'test' },
      timeoutMs: 5000,
      warn: () => {},
    });

  before(async () => {
    store = await openStore({ kind: 'sqlite', file: join(scratch.dir, 'fleet.db') });
    db = VulnDatabase.open(await bundledTestDb(), { readonly: true });
    const at = new Date().toISOString();
    tokens = {
      agent: (await createToken(store, 'agent', 'e2e-agent', at)).token,
      viewer: (await createToken(store, 'viewer', 'e2e-viewer', at)).token,
    };
    port = await freePort();
    await serve();
    const image = runtimeImage();
    const source = await openTarget(image.nginxTarget);
    imageId = source.target.imageId!;
    await source.close();
    await runContainer({
      target: image.nginxTarget,
      name,
      detach: true,
      network: 'none',
      command: ['sleep', '300'],
      stateDir: runtimeState,
      warn: () => {},
    });
  });
  after(async () => {
    await removeContainer(name, { force: true, stateDir: runtimeState }).catch(() => undefined);
    await server?.close();
    await store.close();
    db.close();
    scratch.remove();
  });

  it('reports the running container and uploads its image SBOM', async () => {
    const pass = await agentPass();
    assert.equal(pass.problem, undefined);
    assert.ok(pass.sbomsUploaded.includes(imageId), `uploaded ${pass.sbomsUploaded.join(', ')}`);
    assert.equal(pass.pending, 0);

    const running = await get<Page<ContainerRow>>(`/v1/containers?host=${host}`);
    const ours = running.items.find((c) => c.containerId === name);
    assert.ok(ours, 'the server lists the container');
    assert.equal(ours.runtime, 'runc');
    assert.equal(ours.image.digest, imageId);
    assert.equal(ours.stoppedAt, undefined);
    const hosts = await get<Array<{ name: string; labels: Record<string, string> }>>('/v1/hosts');
    assert.deepEqual(hosts.find((h) => h.name === host)?.labels, { zone: 'test' });

    const detail = await get<ImageDetail>(`/v1/images/${imageId}`);
    assert.ok(detail.scannedAt);
    assert.equal(detail.os, 'debian 12');
    assert.ok(detail.packages.some((p) => p.name === 'nginx-light'));
    assert.ok(detail.packages.some((p) => p.name === 'python3.11-minimal'));

    // A second pass with nothing new sends nothing and uploads nothing.
    const quiet = await agentPass();
    assert.deepEqual(
      [quiet.started, quiet.stopped, quiet.sent, quiet.sbomsUploaded],
      [0, 0, 0, []],
    );
  });

  it('keeps the stop while the server is away and delivers it once it is back', async () => {
    await server!.close();
    server = undefined;
    await runcKill(name, 'KILL');
    await new Promise((r) => setTimeout(r, 500));

    const away = await agentPass();
    assert.equal(away.stopped, 1);
    assert.equal(away.sent, 0);
    assert.equal(away.pending, 1);
    assert.ok(away.problem);

    await serve();
    const back = await agentPass();
    assert.equal(back.sent, 1);
    assert.equal(back.pending, 0);
    const stopped = await get<Page<ContainerRow>>(`/v1/containers?host=${host}&state=all`);
    const runs = stopped.items.filter((c) => c.containerId === name);
    assert.equal(runs.length, 1, 'one run, not two');
    assert.ok(runs[0]!.stoppedAt);
  });
});
