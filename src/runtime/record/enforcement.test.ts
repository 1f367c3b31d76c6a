// The proof of the profiles is enforcement: real workloads (nginx from Debian's nginx-light, and a python3 service)
// are recorded under the sensor, their seccomp filter and capability set are generated from the record, and then
// they run again with both enforced: they must still serve, and actions outside the record must be denied.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runtimeImage } from '../../testing/runtime-image.js';
import type { BehaviourSummary } from '../behaviour.js';
import { removeContainer } from '../containers/remove-container.js';
import { runContainer } from '../containers/run-container.js';
import { generateProfile } from '../profile/generate.js';
import { syscallProbe } from '../profile/tiny-elf.js';
import { readRecord } from './record-file.js';
import { recordContainer } from './record-container.js';
import { freePort } from '../../testing/ports.js';

/** Actions no recorded workload here performs; each probe exits 1 (EPERM) when it is refused. */
const OUTSIDE_THE_RECORD: Record<string, Buffer> = {
  // unshare(CLONE_NEWUSER): needs no capability, so only the filter can refuse it.
  unshare: syscallProbe(272, [0x10000000]),
  // mount("none", "/mnt", "tmpfs", 0, 0)
  mount: syscallProbe(165, ['none', '/mnt', 'tmpfs', 0, 0]),
  // socket(AF_INET, SOCK_RAW, IPPROTO_ICMP)
  'raw-socket': syscallProbe(41, [2, 3, 1]),
  // ptrace(PTRACE_TRACEME): needs no capability either.
  ptrace: syscallProbe(101, [0, 0, 0, 0]),
};

let work = '';
let stateDir = '';
const names: string[] = [];

before(() => {
  work = mkdtempSync(join(tmpdir(), 'seawall-enforce-'));
  stateDir = join(work, 'state');
});
after(async () => {
  for (const name of names) await removeContainer(name, { force: true, stateDir }).catch(() => {});
  rmSync(work, { recursive: true, force: true });
});

/** GETs `url` until it answers (the server needs a moment after runc returns), or gives up after 10 s. */
async function get(url: string): Promise<{ status: number; body: string }> {
  let last: unknown;
  for (let i = 0; i < 100; i++) {
    try {
      const response = await fetch(url);
      return { status: response.status, body: await response.text() };
    } catch (err) {
      last = err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`${url} never answered: ${String(last)}`);
}

/** curl in a loop until the service answers, then a few requests: the exercise `seawall record` runs on the host. */
function exercise(port: number, paths: string[]): string {
  const url = (path: string) => `http://$SEAWALL_CONTAINER_IP:${port}${path}`;
  return [
    `for i in $(seq 100); do curl -sf -o /dev/null ${url('/')} && break; sleep 0.1; done`,
    ...paths.map((p) => `curl -s -o /dev/null ${url(p)}`),
  ].join('; ');
}

/** Records the target, then returns the record's summary, the seccomp profile's file and the capability set. */
async function recordAndProfile(
  name: string,
  target: string,
  port: number,
): Promise<{ summary: BehaviourSummary; seccomp: string; capabilities: string[] }> {
  const out = join(work, `${name}.jsonl`);
  names.push(name);
  const result = await recordContainer({
    target,
    name,
    stateDir,
    out,
    capture: true,
    exercise: exercise(port, ['/', '/index.html', '/missing']),
  });
  assert.equal(result.exerciseExitCode, 0);
  const { summary } = await readRecord(out);
  assert.deepEqual(summary, result.summary);
  assert.equal(summary.lostEvents, 0);
  const seccomp = join(work, `${name}.seccomp.json`);
  writeFileSync(seccomp, generateProfile('seccomp', summary));
  const capabilities = (JSON.parse(generateProfile('capabilities', summary)) as { add: string[] })
    .add;
  return { summary, seccomp, capabilities };
}

/** Runs the target detached with only its recorded syscalls and capabilities; the host port it is published on. */
async function runEnforced(
  name: string,
  target: string,
  containerPort: number,
  seccomp: string,
  capabilities: string[],
): Promise<number> {
  const port = await freePort();
  names.push(name);
  await runContainer({
    target,
    name,
    stateDir,
    detach: true,
    publish: [`${port}:${containerPort}`],
    seccomp,
    capDrop: ['ALL'],
    capAdd: capabilities,
  });
  return port;
}

/** Runs `probe` inside the running container through `runc exec`, which applies its filter and capabilities. */
function runProbe(container: string, probe: string): number | null {
  const result = spawnSync('runc', ['exec', container, `/${probe}`], { encoding: 'utf8' });
  return result.status;
}

function installProbes(container: string): void {
  const rootfs = join(stateDir, 'containers', container, 'rootfs');
  for (const [name, elf] of Object.entries(OUTSIDE_THE_RECORD)) {
    writeFileSync(join(rootfs, name), elf);
    chmodSync(join(rootfs, name), 0o755);
  }
}

describe('recorded profiles, enforced', { timeout: 300_000 }, () => {
  it('nginx records its master and workers, and serves under its own filter and capabilities only', async () => {
    const image = runtimeImage();
    const { summary, seccomp, capabilities } = await recordAndProfile(
      'enforce-nginx-record',
      image.nginxTarget,
      80,
    );
    // What nginx did, as the sensor saw it: its exec, its listen on :80, its setuid to www-data.
    assert.ok(summary.processes.some((p) => p.path === '/usr/sbin/nginx'));
    assert.ok(summary.network.listen.some((l) => l.port === 80 && l.protocol === 'tcp'));
    assert.ok(summary.privileged.some((p) => p.operation === 'setuid'));
    // runc's own set-up (mounts, pivot_root) happens before the container's first exec and is not nginx's.
    assert.equal(summary.syscalls['pivot_root'], undefined);
    assert.equal(summary.syscalls['mount'], undefined);
    assert.ok(capabilities.includes('NET_BIND_SERVICE'), capabilities.join());
    assert.ok(!capabilities.includes('SYS_ADMIN'));

    const name = 'enforce-nginx';
    const port = await runEnforced(name, image.nginxTarget, 80, seccomp, capabilities);
    const page = await get(`http://127.0.0.1:${port}/`);
    assert.equal(page.status, 200);
    assert.match(page.body, /seawall/i);
    assert.equal((await get(`http://127.0.0.1:${port}/missing`)).status, 404);

    installProbes(name);
    for (const probe of Object.keys(OUTSIDE_THE_RECORD))
      assert.equal(runProbe(name, probe), 1, `${probe} should be refused with EPERM`);
    // The server still serves after the refused attempts.
    assert.equal((await get(`http://127.0.0.1:${port}/`)).status, 200);
  });

  it('the same probes succeed in a container without the profiles, so the profiles are what refuse them', async () => {
    const image = runtimeImage();
    const name = 'enforce-control';
    names.push(name);
    await runContainer({
      target: image.nginxTarget,
      name,
      stateDir,
      detach: true,
      network: 'none',
    });
    installProbes(name);
    // unshare(CLONE_NEWUSER) and ptrace(TRACEME) need no capability; without a filter they work.
    assert.equal(runProbe(name, 'ptrace'), 0);
    assert.equal(runProbe(name, 'unshare'), 0);
  });

  it('a python3 service running as www-data serves under its profiles with no capability at all', async () => {
    const image = runtimeImage();
    const { summary, seccomp, capabilities } = await recordAndProfile(
      'enforce-service-record',
      image.serviceTarget,
      8080,
    );
    assert.ok(
      summary.uids.every((uid) => uid !== 0),
      `uids ${summary.uids.join()}`,
    );
    assert.deepEqual(capabilities, []);
    const name = 'enforce-service';
    const port = await runEnforced(name, image.serviceTarget, 8080, seccomp, capabilities);
    assert.equal((await get(`http://127.0.0.1:${port}/`)).status, 200);
    installProbes(name);
    for (const probe of ['unshare', 'ptrace', 'raw-socket'])
      assert.equal(runProbe(name, probe), 1, `${probe} should be refused with EPERM`);
  });
});
