// `npm run bench`, sixth part: the sensor's overhead. nginx (Debian's nginx-light, the runtime test image) runs under
// runc on a private network; wrk loads it from the host, alternately unmonitored and with the sensor attached to the
// container, and the medians are compared against the target (throughput loss at most 10%, no lost event).
// Exit status: 0 target met; 1 a step failed; 3 measured, but the target was missed.

import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runContainer } from '../dist/runtime/containers/run-container.js';
import { removeContainer } from '../dist/runtime/containers/remove-container.js';
import { readContainerRecord } from '../dist/runtime/containers/state-store.js';
import { mountNamespaceOf, startSensor } from '../dist/runtime/sensor/sensor.js';
import { runtimeImage } from '../dist/testing/runtime-image.js';

const TARGET_LOSS = 0.1;

const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    work: { type: 'string', default: '.work/bench/sensor' },
  },
});
const runs = Number(opts.runs);
const seconds = Number(opts.seconds);
const work = resolve(opts.work);
const stateDir = join(work, 'state');
mkdirSync(stateDir, { recursive: true });
const name = 'bench-nginx';
await removeContainer(name, { force: true, stateDir }).catch(() => {});

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** One wrk run against the container; its requests per second. wrk runs one thread: the machine has two cores. */
function wrk(url) {
  const out = execFileSync(
    'wrk',
    ['-t1', `-c${opts.connections}`, `-d${seconds}s`, '--latency', url],
    { encoding: 'utf8' },
  );
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
  if (!rps) throw new Error(`wrk printed no Requests/sec:\n${out}`);
  return Number(rps[1]);
}

let failed = false;
try {
  const image = runtimeImage();
  const started = await runContainer({
    target: image.nginxTarget,
    name,
    detach: true,
    network: 'private',
    stateDir,
  });
  const record = readContainerRecord(stateDir, name);
  const url = `http://${record.network.address}/`;
  // nginx needs a moment after runc returns; a short warm-up run also fills its caches.
  for (let i = 0; i < 50; i++) {
    try {
      execFileSync('wrk', ['-t1', '-c1', '-d1s', url], { stdio: 'ignore' });
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const mountNamespace = await mountNamespaceOf(started.pid);
  const plain = [];
  const monitored = [];
  const rates = [];
  let lost = 0;
  let incomplete = 0;
  for (let r = 0; r < runs; r++) {
    plain.push(wrk(url));
    let events = 0;
    const sensor = await startSensor({ mountNamespace, onEvent: () => events++ });
    const t0 = process.hrtime.bigint();
    monitored.push(wrk(url));
    const elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
    const stats = await sensor.stop();
    const syscalls = Object.values(stats.syscalls).reduce((a, b) => a + b, 0);
    const repeats = Object.values(stats.repeats ?? {}).reduce((a, b) => a + b, 0);
    rates.push({
      eventsPerSecond: (events + repeats) / elapsed,
      reportedPerSecond: events / elapsed,
      syscallsPerSecond: syscalls / elapsed,
    });
    lost += stats.lostEvents;
    incomplete += stats.incompleteEvents ?? 0;
    console.error(
      `bench: run ${r + 1}: ${plain[r].toFixed(0)} req/s plain, ${monitored[r].toFixed(0)} req/s monitored; ` +
        `${rates[r].syscallsPerSecond.toFixed(0)} syscalls/s and ${rates[r].eventsPerSecond.toFixed(0)} events/s seen, ${stats.lostEvents} lost`,
    );
  }
  const plainMedian = median(plain);
  const monitoredMedian = median(monitored);
  const loss = 1 - monitoredMedian / plainMedian;
  const met = loss <= TARGET_LOSS && lost === 0;
  const results = {
    runs,
    secondsPerRun: seconds,
    connections: Number(opts.connections),
    plainRequestsPerSecond: plainMedian,
    monitoredRequestsPerSecond: monitoredMedian,
    throughputLoss: loss,
    syscallsPerSecond: median(rates.map((x) => x.syscallsPerSecond)),
    eventsPerSecond: median(rates.map((x) => x.eventsPerSecond)),
    reportedEventsPerSecond: median(rates.map((x) => x.reportedPerSecond)),
    lostEvents: lost,
    incompleteEvents: incomplete,
    command: `wrk -t1 -c${opts.connections} -d${seconds}s ${url}`,
  };
  writeFileSync(
    join(work, 'sensor-results.json'),
    `${JSON.stringify({ results, met }, null, 2)}\n`,
  );
  console.log(
    `sensor     nginx ${plainMedian.toFixed(0)} req/s plain, ${monitoredMedian.toFixed(0)} req/s monitored: ` +
      `loss ${(loss * 100).toFixed(1)}% (target <= ${TARGET_LOSS * 100}%), ${results.syscallsPerSecond.toFixed(0)} syscalls/s traced, ` +
      `${lost} lost events ${met ? 'met' : 'MISSED'}`,
  );
  process.exitCode = met ? 0 : 3;
} catch (err) {
  failed = true;
  console.error(`bench: sensor benchmark failed: ${err instanceof Error ? err.stack : err}`);
} finally {
  await removeContainer(name, { force: true, stateDir }).catch(() => {});
}
if (failed) process.exitCode = 1;
