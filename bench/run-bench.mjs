// `npm run bench`: times `seawall sbom` against Trivy's rootfs SBOM on the same root filesystems, cold and warm
// cache, with hyperfine (https://github.com/sharkdp/hyperfine), checks both report the same dpkg package set,
// and measures Seawall's peak memory on a 1 GB image. Writes a table to stdout and results JSON to --work.
// Exit status: 0 all well; 1 the package sets differ or a tool failed; 3 measured, but a target was missed.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { debPackageSet, setDifference } from './package-set.mjs';
import { peakRss, peakRssMethod, peakRssOfNode } from './peak-rss.mjs';

const TARGETS = { coldRatio: 0.5, warmRatio: 0.1, peakMB: 250 };

const { values: opts } = parseArgs({
  options: {
    trivy: { type: 'string' },
    rootfs: { type: 'string', multiple: true },
    'big-image': { type: 'string' },
    'big-image-rootfs': { type: 'string' },
    runs: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    'memory-runs': { type: 'string', default: '3' },
    work: { type: 'string', default: '.work/bench' },
  },
});
if (!opts.trivy || !opts.rootfs?.length || !opts['big-image']) {
  console.error(
    'usage: run-bench.mjs --trivy BIN --rootfs NAME=DIR [--rootfs ...] --big-image OCI_DIR:TAG ' +
      '[--big-image-rootfs NAME] [--runs N] [--warmup N] [--memory-runs N] [--work DIR]',
  );
  process.exit(2);
}

const repo = resolve(import.meta.dirname, '..');
const seawallBin = join(repo, 'bin/seawall.js');
const trivyBin = resolve(opts.trivy);
const work = resolve(opts.work);
const outDir = join(work, 'out');
const cacheDir = join(work, 'cache');
rmSync(outDir, { recursive: true, force: true });
rmSync(cacheDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
mkdirSync(cacheDir, { recursive: true });
const runs = Number(opts.runs);
const warmup = Number(opts.warmup);

/** The argument lists each tool runs with: one place, so timing, equality and the report all use the same. */
const commands = {
  seawall: (rootfs, out, cache) => [
    process.execPath,
    seawallBin,
    'sbom',
    `dir:${rootfs}`,
    '--format',
    'cyclonedx',
    '-o',
    out,
    '--cache-dir',
    cache,
    '-q',
  ],
  // `--format cyclonedx` alone turns Trivy's vulnerability and secret scanners off (a pure SBOM); the skip and
  // offline flags keep it from touching the network. Its default cache backend is memory, so `fs` is asked for
  // to give it a cache that can be warm.
  trivy: (rootfs, out, cache) => [
    trivyBin,
    'rootfs',
    '--format',
    'cyclonedx',
    '--cache-backend',
    'fs',
    '--cache-dir',
    cache,
    '--offline-scan',
    '--skip-db-update',
    '--skip-java-db-update',
    '--skip-check-update',
    '--skip-vex-repo-update',
    '--skip-version-check',
    '--disable-telemetry',
    '--quiet',
    '-o',
    out,
    rootfs,
  ],
};

/** Trivy's dpkg package set of each rootfs, by name: the reference the 1 GB image built from one is held to. */
const referenceSets = new Map();

const results = {
  date: new Date().toISOString(),
  machine: describeMachine(),
  targets: TARGETS,
  settings: {
    runs,
    warmup,
    memoryRuns: Number(opts['memory-runs']),
    peakRssMethod: peakRssMethod(),
  },
  rootfs: [],
  peakMemory: null,
  failures: [],
  missedTargets: [],
};

for (const spec of opts.rootfs) {
  const [name, dir] = splitOnce(spec, '=');
  results.rootfs.push(benchRootfs(name, resolve(dir)));
}
const bigImageRootfs = opts['big-image-rootfs'] ?? results.rootfs.at(-1)?.name;
results.peakMemory = benchPeakMemory(opts['big-image'], bigImageRootfs);

writeFileSync(join(work, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
printTable(results);
console.log(`\nresults: ${join(work, 'results.json')}`);
if (results.failures.length > 0) {
  console.error(`\nBENCH FAILED:\n  ${results.failures.join('\n  ')}`);
  process.exit(1);
}
if (results.missedTargets.length > 0) {
  console.error(`\nTargets missed:\n  ${results.missedTargets.join('\n  ')}`);
  process.exit(3);
}

function benchRootfs(name, rootfs) {
  console.error(`\n== ${name}: ${rootfs}`);
  const entry = { name, path: rootfs, packages: {}, equal: false, difference: null, timings: {} };

  // Equality first, from one cold run of each: timing two tools that disagree would compare different work.
  const sets = {};
  for (const tool of ['seawall', 'trivy']) {
    const out = join(outDir, `${name}.${tool}.cdx.json`);
    const cache = join(cacheDir, `${name}-${tool}-check`);
    const [command, ...args] = commands[tool](rootfs, out, cache);
    const run = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.status !== 0) {
      results.failures.push(`${name}: ${tool} exited with ${run.status ?? run.signal}`);
      console.error(run.stderr.slice(-3000));
      return entry;
    }
    sets[tool] = debPackageSet(out);
    entry.packages[tool] = sets[tool].length;
  }
  const dpkgSet = dpkgQuerySet(rootfs);
  if (dpkgSet) entry.packages.dpkgQuery = dpkgSet.length;

  referenceSets.set(name, sets.trivy);
  const diff = setDifference(sets.seawall, sets.trivy);
  entry.equal =
    diff.onlyLeft.length === 0 && diff.onlyRight.length === 0 && sets.seawall.length > 0;
  if (!entry.equal) {
    entry.difference = { onlySeawall: diff.onlyLeft, onlyTrivy: diff.onlyRight };
    results.failures.push(
      `${name}: dpkg package sets differ (seawall ${sets.seawall.length}, trivy ${sets.trivy.length})`,
    );
    console.error(`\n!!! ${name}: Seawall and Trivy report different dpkg package sets`);
    printDifference('only in Seawall', diff.onlyLeft);
    printDifference('only in Trivy', diff.onlyRight);
  }
  if (dpkgSet) {
    const truth = setDifference(sets.seawall, dpkgSet);
    if (truth.onlyLeft.length + truth.onlyRight.length > 0) {
      console.error(`\n!!! ${name}: Seawall differs from dpkg-query's own list`);
      printDifference('only in Seawall', truth.onlyLeft);
      printDifference('only in dpkg-query', truth.onlyRight);
    }
  }

  for (const tool of ['seawall', 'trivy']) {
    entry.timings[tool] = {};
    for (const state of ['cold', 'warm']) {
      entry.timings[tool][state] = hyperfine(name, tool, state, rootfs);
    }
  }
  entry.peakMB = {};
  for (const tool of ['seawall', 'trivy']) {
    const cache = join(cacheDir, `${name}-${tool}-rss`);
    const [command, ...args] = commands[tool](
      rootfs,
      join(outDir, `${name}.${tool}.rss.json`),
      cache,
    );
    entry.peakMB[tool] = round(peakRss(command, args).peakMB, 1);
  }

  entry.ratios = {
    cold: round(entry.timings.seawall.cold.median / entry.timings.trivy.cold.median, 3),
    warm: round(entry.timings.seawall.warm.median / entry.timings.trivy.warm.median, 3),
  };
  if (entry.ratios.cold > TARGETS.coldRatio) {
    results.missedTargets.push(`${name} cold: ${entry.ratios.cold} x Trivy > ${TARGETS.coldRatio}`);
  }
  if (entry.ratios.warm > TARGETS.warmRatio) {
    results.missedTargets.push(`${name} warm: ${entry.ratios.warm} x Trivy > ${TARGETS.warmRatio}`);
  }
  return entry;
}

/** Times one tool in one cache state; cold empties its cache dir before every run, warm keeps it filled. */
function hyperfine(name, tool, state, rootfs) {
  const cache = join(cacheDir, `${name}-${tool}-${state}`);
  const out = join(outDir, `${name}.${tool}.${state}.cdx.json`);
  const exported = join(work, `hyperfine-${name}-${tool}-${state}.json`);
  const command = commands[tool](rootfs, out, cache).map(shellQuote).join(' ');
  const args = ['-N', '--style', 'basic', '--runs', String(runs), '--export-json', exported];
  // A warm measurement needs at least one earlier run to have filled the cache.
  args.push('--warmup', String(state === 'warm' ? Math.max(1, warmup) : warmup));
  if (state === 'cold') args.push('--prepare', `rm -rf ${shellQuote(cache)}`);
  args.push('--command-name', `${name} ${tool} ${state}`, command);
  console.error(`\n-- ${name} ${tool} ${state}`);
  execFileSync('hyperfine', args, { stdio: ['ignore', 'inherit', 'inherit'] });
  const [summary] = JSON.parse(readFileSync(exported, 'utf8')).results;
  return {
    command: state === 'cold' ? `${command}   (cache dir emptied before each run)` : command,
    median: round(summary.median, 4),
    mean: round(summary.mean, 4),
    stddev: round(summary.stddev, 4),
    min: round(summary.min, 4),
    max: round(summary.max, 4),
    runs: summary.times.length,
  };
}

/**
 * Seawall's peak RSS over a few uncached scans of the 1 GB image (the largest of them counts), and a check that
 * the image's packages are those Trivy found in the rootfs it was built from.
 */
function benchPeakMemory(image, rootfsName) {
  console.error(`\n== peak memory: oci:${image}`);
  const out = join(outDir, 'big-image.seawall.cdx.json');
  const args = ['sbom', `oci:${image}`, '--format', 'cyclonedx', '-o', out, '--no-cache', '-q'];
  const samples = [];
  for (let i = 0; i < Number(opts['memory-runs']); i++) {
    try {
      samples.push(peakRssOfNode(seawallBin, args));
    } catch (error) {
      results.failures.push(`peak memory: ${error.message.split('\n')[0]}`);
      console.error(error.message);
      return null;
    }
  }
  const peakMB = round(Math.max(...samples.map((sample) => sample.peakMB)), 1);
  const entry = {
    image,
    imageMB: round(imageBytes(image) / 1e6, 0),
    command: `node bin/seawall.js ${args.join(' ')}`,
    peakMB,
    samplesMB: samples.map((sample) => round(sample.peakMB, 1)),
    wallSeconds: samples.map((sample) => round(sample.wallSeconds, 2)),
    packages: 0,
  };
  const found = debPackageSet(out);
  entry.packages = found.length;
  const reference = referenceSets.get(rootfsName);
  if (reference) {
    const diff = setDifference(found, reference);
    if (diff.onlyLeft.length + diff.onlyRight.length > 0) {
      results.failures.push(
        `peak memory: the 1 GB image's dpkg packages differ from those of ${rootfsName}`,
      );
      console.error(
        `\n!!! the 1 GB image's dpkg packages differ from those of the rootfs it was built from`,
      );
      printDifference('only in the image', diff.onlyLeft);
      printDifference(`only in ${rootfsName} (Trivy)`, diff.onlyRight);
    }
  }
  if (peakMB > TARGETS.peakMB) {
    results.missedTargets.push(`peak memory: ${peakMB} MB > ${TARGETS.peakMB} MB`);
  }
  return entry;
}

/** dpkg's own answer, when this machine has dpkg-query: the ground truth both tools should match. */
function dpkgQuerySet(rootfs) {
  const run = spawnSync(
    'dpkg-query',
    [
      '--admindir',
      join(rootfs, 'var/lib/dpkg'),
      '-W',
      '-f',
      '${db:Status-Status} ${Package} ${Version}\n',
    ],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) return null;
  return run.stdout
    .split('\n')
    .filter((line) => line.startsWith('installed '))
    .map((line) => line.slice('installed '.length))
    .sort();
}

/** Sum of the image's compressed layer and config blobs, read from its OCI layout. */
function imageBytes(image) {
  const [layout] = splitOnce(image, ':');
  const blob = (digest) => join(layout, 'blobs', ...digest.split(':'));
  const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8'));
  const manifest = JSON.parse(readFileSync(blob(index.manifests[0].digest), 'utf8'));
  return [manifest.config, ...manifest.layers].reduce(
    (sum, descriptor) => sum + descriptor.size,
    0,
  );
}

function describeMachine() {
  const osRelease = readFileSync('/etc/os-release', 'utf8');
  const version = (cmd, args) => {
    const run = spawnSync(cmd, args, { encoding: 'utf8' });
    return run.status === 0 ? run.stdout.trim().split('\n')[0] : null;
  };
  const commit = version('git', ['-C', repo, 'rev-parse', '--short', 'HEAD']);
  const dirty = version('git', ['-C', repo, 'status', '--porcelain', '--untracked-files=no']);
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGB: round(totalmem() / 1e9, 1),
    os: /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(osRelease)?.[1] ?? 'unknown',
    node: process.version,
    seawall: `${version(process.execPath, [seawallBin, '--version'])} (${commit}${dirty ? ', uncommitted changes' : ''})`,
    trivy: version(trivyBin, ['--version']),
    hyperfine: version('hyperfine', ['--version']),
  };
}

function printTable(all) {
  const rows = [['rootfs', 'dpkg pkgs', 'cache', 'seawall', 'trivy', 'ratio', 'target', '']];
  for (const entry of all.rootfs) {
    if (!entry.ratios) {
      rows.push([entry.name, '-', '-', '-', '-', '-', '-', 'not timed']);
      continue;
    }
    for (const state of ['cold', 'warm']) {
      const target = state === 'cold' ? TARGETS.coldRatio : TARGETS.warmRatio;
      const ratio = entry.ratios[state];
      rows.push([
        entry.name,
        entry.equal ? String(entry.packages.seawall) : 'DIFFER',
        state,
        `${entry.timings.seawall[state].median.toFixed(3)} s`,
        `${entry.timings.trivy[state].median.toFixed(3)} s`,
        ratio.toFixed(2),
        `<= ${target}`,
        ratio <= target ? 'met' : 'MISSED',
      ]);
    }
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  console.log('\nmedian wall time, hyperfine');
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '));
  for (const entry of all.rootfs) {
    if (entry.peakMB) {
      console.log(
        `peak RSS on ${entry.name}: seawall ${entry.peakMB.seawall} MB, trivy ${entry.peakMB.trivy} MB`,
      );
    }
  }
  const memory = all.peakMemory;
  if (memory) {
    console.log(
      `peak RSS on the ${memory.imageMB} MB image (no cache, max of ${memory.samplesMB.length}): ` +
        `${memory.peakMB} MB, target <= ${TARGETS.peakMB} MB: ${memory.peakMB <= TARGETS.peakMB ? 'met' : 'MISSED'}`,
    );
  }
}

function printDifference(label, entries) {
  console.error(`  ${label} (${entries.length}):`);
  for (const entry of entries.slice(0, 50)) console.error(`    ${entry}`);
  if (entries.length > 50) console.error(`    ... and ${entries.length - 50} more`);
}

function splitOnce(text, separator) {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}

function shellQuote(word) {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

function round(value, digits) {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
