// `npm run bench`, fifth part: `seawall audit` over 10,000 Kubernetes manifests (1,000 files of 10 documents:
// Deployments, StatefulSets, DaemonSets, CronJobs and Pods, some hardened, some not), all profiles, against the
// issue's target of 5 s; hyperfine median, figures to --work/audit-results.json.
// Exit status: 0 target met; 1 a step failed; 3 measured, but the target was missed.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const TARGET_SECONDS = 5;
const FILES = 1000;
const PER_FILE = 10;

const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
    work: { type: 'string', default: '.work/bench/audit' },
  },
});
const repo = resolve(import.meta.dirname, '..');
const work = resolve(opts.work);
const dir = join(work, 'manifests');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

/** One workload; `n` varies names, images and which settings are risky, so every control has work to do. */
function manifest(n) {
  const hardened = n % 3 === 0;
  const container = [
    `        - name: app${n}`,
    `          image: registry.example/app${n % 50}:${n % 7 === 0 ? 'latest' : `1.${n % 9}.0`}`,
    '          ports:',
    `            - containerPort: ${8000 + (n % 100)}`,
    ...(n % 11 === 0 ? ['              hostPort: 80'] : []),
    '          securityContext:',
    ...(hardened
      ? [
          '            allowPrivilegeEscalation: false',
          '            readOnlyRootFilesystem: true',
          '            capabilities:',
          '              drop: ["ALL"]',
        ]
      : [
          `            privileged: ${n % 5 === 0}`,
          '            capabilities:',
          '              add: ["NET_ADMIN"]',
        ]),
    '          resources:',
    '            limits:',
    '              memory: 256Mi',
    '              cpu: 500m',
  ];
  const podSpec = [
    ...(n % 13 === 0 ? ['      hostNetwork: true'] : []),
    ...(hardened
      ? [
          '      securityContext:',
          '        runAsNonRoot: true',
          '        seccompProfile:',
          '          type: RuntimeDefault',
        ]
      : []),
    '      containers:',
    ...container,
    ...(n % 17 === 0
      ? [
          '      volumes:',
          '        - name: host',
          '          hostPath:',
          '            path: /var/run/docker.sock',
        ]
      : []),
  ];
  const kind = ['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob', 'Pod'][n % 5];
  const meta = ['metadata:', `  name: w${n}`, `  namespace: team${n % 20}`];
  if (kind === 'Pod')
    return [
      'apiVersion: v1',
      'kind: Pod',
      ...meta,
      'spec:',
      ...podSpec.map((l) => l.slice(4)),
    ].join('\n');
  if (kind === 'CronJob')
    return [
      'apiVersion: batch/v1',
      'kind: CronJob',
      ...meta,
      'spec:',
      '  schedule: "0 * * * *"',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      ...podSpec.map((l) => `    ${l}`),
    ].join('\n');
  return [
    'apiVersion: apps/v1',
    `kind: ${kind}`,
    ...meta,
    'spec:',
    '  template:',
    '    spec:',
    ...podSpec,
  ].join('\n');
}

for (let f = 0; f < FILES; f++) {
  const docs = [];
  for (let d = 0; d < PER_FILE; d++) docs.push(manifest(f * PER_FILE + d));
  writeFileSync(
    join(dir, `workloads-${String(f).padStart(4, '0')}.yaml`),
    `${docs.join('\n---\n')}\n`,
  );
}

const out = join(work, 'audit.json');
const command = `${process.execPath} ${join(repo, 'bin/seawall.js')} audit ${dir} -f json -o ${out} -q`;
const exported = join(work, 'hyperfine.json');
const run = spawnSync(
  'hyperfine',
  [
    '--warmup',
    opts.warmup,
    '--runs',
    opts.runs,
    '--export-json',
    exported,
    '--style',
    'none',
    '-i',
    command,
  ],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
if (run.status !== 0) {
  console.error('bench: seawall audit failed');
  process.exit(1);
}
const median = JSON.parse(readFileSync(exported, 'utf8')).results[0].median;
const findings = JSON.parse(readFileSync(out, 'utf8')).findings.length;
const met = median <= TARGET_SECONDS;
const results = {
  manifests: FILES * PER_FILE,
  files: FILES,
  medianSeconds: median,
  findings,
  command,
};
writeFileSync(join(work, 'audit-results.json'), `${JSON.stringify({ results, met }, null, 2)}\n`);
console.log(
  `audit      ${FILES * PER_FILE} manifests in ${FILES} files: median ${median.toFixed(3)} s, ${findings} findings (target <= ${TARGET_SECONDS} s) ${met ? 'met' : 'MISSED'}`,
);
process.exit(met ? 0 : 3);
