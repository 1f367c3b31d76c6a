// Peak memory (maximum resident set size) and wall time of one command, measured from outside with GNU time
// (`/usr/bin/time -v`, https://www.gnu.org/software/time/) or, when it is missing, by a preloaded exit hook.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';
const HOOK = join(import.meta.dirname, 'max-rss-hook.mjs');

/** Which way peakRss measures on this machine. */
export function peakRssMethod() {
  return existsSync(GNU_TIME) ? 'gnu-time' : 'node-exit-hook';
}

/**
 * Runs `node SCRIPT ...args` once and returns its peak RSS in MB (10^6 bytes, the unit of the target) and wall seconds; throws if it fails.
 * @param {string} script a Node.js entry point
 * @param {string[]} args
 * @returns {{ peakMB: number, wallSeconds: number }}
 */
export function peakRssOfNode(script, args) {
  if (peakRssMethod() === 'gnu-time') return peakRss(process.execPath, [script, ...args]);
  const dir = mkdtempSync(join(tmpdir(), 'seawall-bench-rss-'));
  try {
    const file = join(dir, 'maxrss');
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, ['--import', HOOK, script, ...args], {
      env: { ...process.env, SEAWALL_BENCH_RSS_FILE: file },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    failUnlessOk(run, script, args);
    return { peakMB: (Number(readFileSync(file, 'utf8').trim()) * 1024) / 1e6, wallSeconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs any command once under GNU time; returns its peak RSS in MB (10^6 bytes, the unit of the target) and wall seconds; throws if it fails.
 * @param {string} command
 * @param {string[]} args
 */
export function peakRss(command, args) {
  // -f with only the two numbers keeps the parse independent of GNU time's localised -v labels.
  const marker = 'seawall-bench-rusage';
  const run = spawnSync(GNU_TIME, ['-f', `${marker} %M %e`, command, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  failUnlessOk(run, command, args);
  const line = run.stderr.split('\n').find((text) => text.startsWith(marker));
  if (!line) throw new Error(`GNU time printed no figures for ${command}`);
  const [, kib, seconds] = line.split(' ');
  return { peakMB: (Number(kib) * 1024) / 1e6, wallSeconds: Number(seconds) };
}

function failUnlessOk(run, command, args) {
  if (run.error) throw run.error;
  if (run.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited with ${run.status ?? run.signal}:\n${run.stderr.slice(-2000)}`,
    );
  }
}
