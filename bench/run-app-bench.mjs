// `npm run bench`, second part: Seawall's SBOM of the application test image's root filesystem against cdxgen's
// (https://github.com/CycloneDX/cdxgen), scored against a ground truth the bench derives itself (app-truth.mjs),
// and timed with hyperfine. Writes a table to stdout and truth, scores and timings as JSON under --work.
// Exit status: 0 all targets met; 1 a tool failed; 3 measured, but a target was missed.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readSbom, scoreAgainstTruth } from './app-compare.mjs';
import { deriveGroundTruth } from './app-truth.mjs';

/** Seawall misses nothing with metadata, reports nothing that is not a package, and is 20 times faster. */
const TARGETS = { recall: 1, nonPackageComponents: 0, speedup: 20 };
/** cdxgen takes the better part of a minute here; a run still going after this is killed and counts as failed. */
const CDXGEN_TIMEOUT_SECONDS = 600;

const { values: opts } = parseArgs({
  options: {
    cdxgen: { type: 'string' },
    rootfs: { type: 'string' },
    runs: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    'cdxgen-runs': { type: 'string', default: '3' },
    work: { type: 'string', default: '.work/bench/apps' },
  },
});
if (!opts.cdxgen || !opts.rootfs) {
  console.error(
    'usage: run-app-bench.mjs --cdxgen CDXGEN_BIN_JS --rootfs DIR [--runs N] [--warmup N] [--cdxgen-runs N] [--work DIR]',
  );
  process.exit(2);
}

const repo = resolve(import.meta.dirname, '..');
const seawallBin = join(repo, 'bin/seawall.js');
const cdxgenBin = resolve(opts.cdxgen);
const rootfs = resolve(opts.rootfs);
const work = resolve(opts.work);
const outDir = join(work, 'out');
// cdxgen keeps Trivy's cache under $HOME/.cache/trivy and its scratch files in CDXGEN_TEMP_DIR: both live here,
// emptied before every run, so that each cdxgen run is as cold as Seawall's --no-cache runs.
const cdxgenHome = join(work, 'cdxgen-home');
const cdxgenTemp = join(work, 'cdxgen-tmp');
for (const dir of [outDir, cdxgenHome, cdxgenTemp]) rmSync(dir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

/** The exact commands both the scoring run and the timed runs use. */
const commands = {
  seawall: (out) => [
    process.execPath,
    seawallBin,
    'sbom',
    `dir:${rootfs}`,
    '--format',
    'cyclonedx',
    '-o',
    out,
    '--no-cache',
    '-q',
  ],
  // cdxgen's documented way to scan an unpacked root filesystem (its README, "-t rootfs"). Schema validation of
  // its own output is turned off, which only helps its time; the licence lookup is off by default and pinned
  // off here. Everything else is its default.
  cdxgen: (out) => [
    'timeout',
    '--kill-after=10',
    String(CDXGEN_TIMEOUT_SECONDS),
    process.execPath,
    cdxgenBin,
    rootfs,
    '-t',
    'rootfs',
    '--no-validate',
    '-o',
    out,
  ],
};
const environments = {
  seawall: process.env,
  cdxgen: {
    ...process.env,
    HOME: cdxgenHome,
    CDXGEN_TEMP_DIR: cdxgenTemp,
    FETCH_LICENSE: 'false',
  },
};
const prepare = {
  seawall: null,
  cdxgen: `rm -rf ${shellQuote(cdxgenHome)} ${shellQuote(cdxgenTemp)}`,
};

console.error(`\n== application packages: ${rootfs}`);
const truth = deriveGroundTruth(rootfs);
writeFileSync(join(work, 'truth.json'), `${JSON.stringify(truth, null, 2)}\n`);

const results = {
  date: new Date().toISOString(),
  machine: describeMachine(),
  rootfs,
  targets: TARGETS,
  settings: {
    seawallRuns: Number(opts.runs),
    seawallWarmup: Number(opts.warmup),
    cdxgenRuns: Number(opts['cdxgen-runs']),
  },
  truth: summariseTruth(truth),
  tools: {},
  speedup: null,
  failures: [],
  missedTargets: [],
};

for (const tool of ['seawall', 'cdxgen']) {
  const entry = { command: null, score: null, timing: null };
  results.tools[tool] = entry;
  const out = join(outDir, `${tool}.cdx.json`);
  const [command, ...args] = commands[tool](out);
  entry.command = commandLine(tool, commands[tool](join('OUT_DIR', `${tool}.cdx.json`)));
  console.error(`\n-- ${tool}: one run to score`);
  if (prepare[tool]) execFileSync('sh', ['-c', prepare[tool]]);
  const run = spawnSync(command, args, {
    env: environments[tool],
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0) {
    results.failures.push(`${tool} exited with ${run.status ?? run.signal}`);
    console.error(`${run.stderr ?? ''}`.slice(-3000));
    continue;
  }
  entry.score = scoreAgainstTruth(truth, readSbom(out, rootfs));
  const runs = tool === 'cdxgen' ? Number(opts['cdxgen-runs']) : Number(opts.runs);
  const warmup = tool === 'cdxgen' ? 0 : Number(opts.warmup);
  entry.timing = hyperfine(tool, runs, warmup);
}

const { seawall, cdxgen } = results.tools;
if (seawall.score) {
  const missed = seawall.score.total.truth - seawall.score.total.found;
  if (missed > 0) {
    results.missedTargets.push(
      `Seawall missed ${missed} of ${seawall.score.total.truth} packages with metadata (recall ${seawall.score.total.recall})`,
    );
  }
  if (seawall.score.nonPackageComponents > TARGETS.nonPackageComponents) {
    results.missedTargets.push(
      `Seawall reported ${seawall.score.nonPackageComponents} components that are not packages`,
    );
  }
}
if (seawall.timing && cdxgen.timing) {
  results.speedup = round(cdxgen.timing.median / seawall.timing.median, 1);
  if (results.speedup < TARGETS.speedup) {
    results.missedTargets.push(
      `Seawall is ${results.speedup} times faster than cdxgen, target ${TARGETS.speedup}`,
    );
  }
}

writeFileSync(join(work, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
printReport(results);
console.log(`\nresults: ${join(work, 'results.json')} (truth: ${join(work, 'truth.json')})`);
if (results.failures.length > 0) {
  console.error(`\nAPP BENCH FAILED:\n  ${results.failures.join('\n  ')}`);
  process.exit(1);
}
if (results.missedTargets.length > 0) {
  console.error(`\nTargets missed:\n  ${results.missedTargets.join('\n  ')}`);
  process.exit(3);
}

/** Times one tool with hyperfine (no shell); the median of its runs is the figure. */
function hyperfine(tool, runs, warmup) {
  const exported = join(work, `hyperfine-${tool}.json`);
  const command = commands[tool](join(outDir, `${tool}.timed.cdx.json`))
    .map(shellQuote)
    .join(' ');
  const args = ['-N', '--style', 'basic', '--runs', String(runs), '--warmup', String(warmup)];
  args.push('--export-json', exported);
  if (prepare[tool]) args.push('--prepare', prepare[tool]);
  args.push('--command-name', `apps ${tool}`, command);
  console.error(`\n-- ${tool}: ${runs} timed runs`);
  execFileSync('hyperfine', args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: environments[tool],
  });
  const [summary] = JSON.parse(readFileSync(exported, 'utf8')).results;
  if (summary.exit_codes?.some((code) => code !== 0)) {
    results.failures.push(`${tool}: a timed run exited with ${summary.exit_codes.join(', ')}`);
  }
  return {
    median: round(summary.median, 4),
    mean: round(summary.mean, 4),
    stddev: round(summary.stddev ?? 0, 4),
    min: round(summary.min, 4),
    max: round(summary.max, 4),
    runs: summary.times.length,
    warmup,
  };
}

function summariseTruth(groundTruth) {
  const byEcosystem = {};
  for (const entry of groundTruth.packages)
    byEcosystem[entry.type] = (byEcosystem[entry.type] ?? 0) + 1;
  return {
    packages: groundTruth.packages.length,
    byEcosystem,
    neutral: groundTruth.neutral.map((entry) => `${entry.key}: ${entry.why}`),
    notes: groundTruth.notes,
  };
}

/** The command as a reader would type it: environment first, paths inside the repository shortened. */
function commandLine(tool, argv) {
  const env =
    tool === 'cdxgen' ? 'HOME=EMPTY_DIR CDXGEN_TEMP_DIR=EMPTY_DIR FETCH_LICENSE=false ' : '';
  const words = argv.map((word) =>
    word === process.execPath
      ? 'node'
      : word.startsWith(`${repo}/`)
        ? word.slice(repo.length + 1)
        : word,
  );
  return env + words.map(shellQuote).join(' ');
}

function describeMachine() {
  const version = (cmd, args, env) => {
    const run = spawnSync(cmd, args, { encoding: 'utf8', env });
    return run.status === 0 ? run.stdout.trim().split('\n').at(-1) : null;
  };
  const commit = version('git', ['-C', repo, 'rev-parse', '--short', 'HEAD']);
  const dirty = version('git', ['-C', repo, 'status', '--porcelain', '--untracked-files=no']);
  const osRelease = readFileSync('/etc/os-release', 'utf8');
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGB: round(totalmem() / 1e9, 1),
    os: /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(osRelease)?.[1] ?? 'unknown',
    node: process.version,
    seawall: `${version(process.execPath, [seawallBin, '--version'])} (${commit}${dirty ? ', uncommitted changes' : ''})`,
    cdxgen: readPackageVersion(resolve(cdxgenBin, '../../package.json')),
    cdxgenPlugins: readPackageVersion(
      resolve(cdxgenBin, '../../../../@cdxgen/cdxgen-plugins-bin-linux-amd64/package.json'),
    ),
    hyperfine: version('hyperfine', ['--version']),
  };
}

function readPackageVersion(file) {
  try {
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    return `${manifest.name}@${manifest.version}`;
  } catch {
    return null;
  }
}

function printReport(all) {
  const tools = ['seawall', 'cdxgen'];
  const types = [
    ...new Set(tools.flatMap((tool) => Object.keys(all.tools[tool].score?.ecosystems ?? {}))),
  ];
  const percent = (value) =>
    value === null || value === undefined ? '-' : `${(value * 100).toFixed(1)}%`;
  const rows = [
    [
      'ecosystem',
      'truth',
      ...tools.flatMap((tool) => [`${tool} found`, 'recall', 'extras', 'precision']),
    ],
  ];
  for (const type of [...types, 'total']) {
    const cells = [
      type,
      String(type === 'total' ? all.truth.packages : (all.truth.byEcosystem[type] ?? 0)),
    ];
    for (const tool of tools) {
      const score = all.tools[tool].score;
      const stats = type === 'total' ? score?.total : score?.ecosystems[type];
      if (!stats) {
        cells.push('-', '-', '-', '-');
        continue;
      }
      cells.push(
        String(stats.found),
        percent(stats.recall),
        String(stats.reported - stats.correct),
        percent(stats.precision),
      );
    }
    rows.push(cells);
  }
  console.log(`\napplication packages on ${all.rootfs}`);
  printRows(rows);
  for (const tool of tools) {
    const { score, timing } = all.tools[tool];
    if (score) {
      const kinds = Object.entries(score.nonPackagesByType)
        .map(([kind, count]) => `${count} ${kind}`)
        .join(', ');
      console.log(
        `${tool}: ${score.components} components, ${score.nonPackageComponents} not packages${kinds ? ` (${kinds})` : ''}`,
      );
    }
    if (timing)
      console.log(`${tool}: median ${timing.median.toFixed(3)} s over ${timing.runs} runs`);
  }
  if (all.speedup !== null) {
    console.log(
      `speed-up: ${all.speedup} x (target >= ${TARGETS.speedup}): ${all.speedup >= TARGETS.speedup ? 'met' : 'MISSED'}`,
    );
  }
}

function printRows(rows) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '));
}

function shellQuote(word) {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

function round(value, digits) {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
