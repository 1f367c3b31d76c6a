// SW-IMG-009: a RUN step refreshed the package index without installing from it, so the cached index layer goes
// stale under later installs. CIS Docker Benchmark 4.7; managers and verbs as apt-get(8), apk(8), yum(8), dnf(8), zypper(8).

import { findingOf, type Finding, type Rule } from '../../model/finding.js';
import { stepLocation, type CheckContext } from './context.js';

export const UPDATE_ALONE: Rule = {
  id: 'SW-IMG-009',
  kind: 'image',
  severity: 'medium',
  title: 'Package index update without an install in the same RUN',
  remediation:
    'Update and install in one RUN step (RUN apt-get update && apt-get install -y --no-install-recommends pkg && rm -rf /var/lib/apt/lists/*), or use apk add --no-cache.',
  references: [
    'https://docs.docker.com/build/building/best-practices/#apt-get',
    'https://github.com/goodwithtech/dockle/blob/master/CHECKPOINT.md',
  ],
  frameworks: { 'cis-docker': ['4.7'], dockle: ['CIS-DI-0007'], trivy: ['DS017'] },
};

interface Manager {
  /** Commands of one family: `apt` and `apt-get` share an index. */
  commands: string[];
  updates: string[];
  /** Verbs that install or upgrade from the index; after an update, the step is fine. */
  installs: string[];
  /** Options that take the next word as their value. */
  valued: string[];
}

const MANAGERS: Manager[] = [
  {
    commands: ['apt-get', 'apt'],
    updates: ['update'],
    installs: ['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'reinstall', 'build-dep'],
    valued: ['-o', '-c', '-t', '--option', '--config-file', '--target-release'],
  },
  {
    commands: ['apk'],
    updates: ['update'],
    installs: ['add', 'upgrade', 'fix'],
    valued: ['-X', '-p', '--repository', '--root', '--arch', '--cache-dir', '--keys-dir'],
  },
  {
    commands: ['yum', 'dnf', 'microdnf', 'tdnf'],
    updates: ['update', 'makecache', 'check-update'],
    installs: ['install', 'upgrade', 'reinstall', 'groupinstall', 'localinstall', 'update-minimal'],
    valued: [
      '-c',
      '-d',
      '-e',
      '-x',
      '--exclude',
      '--enablerepo',
      '--disablerepo',
      '--setopt',
      '--installroot',
      '--releasever',
    ],
  },
  {
    commands: ['zypper'],
    // `zypper update` upgrades from the index much as `yum update` does; both count as updates, as in Trivy DS017.
    updates: ['refresh', 'ref', 'update', 'up'],
    installs: ['install', 'in', 'dist-upgrade', 'dup', 'patch'],
    valued: ['-r', '--repo', '--root', '-R'],
  },
];

// Words that may stand before a command without being it.
const PREFIX_WORDS = new Set([
  'sudo',
  'env',
  'command',
  'exec',
  'then',
  'do',
  'else',
  '!',
  'time',
  'nice',
]);

/** `[command, verb]` of one simple command, past assignments, wrappers and options (`apt-get -qq update`). */
function commandAndVerb(
  words: string[],
): { manager: Manager; command: string; verb: string } | undefined {
  let i = 0;
  while (
    i < words.length &&
    (PREFIX_WORDS.has(words[i]!) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!))
  )
    i++;
  const command = words[i]?.split('/').pop();
  const manager = MANAGERS.find((m) => command !== undefined && m.commands.includes(command));
  if (!manager || command === undefined) return undefined;
  for (i++; i < words.length; i++) {
    const word = words[i]!;
    if (!word.startsWith('-')) return { manager, command, verb: word };
    if (manager.valued.includes(word)) i++;
  }
  return undefined;
}

/** The simple commands of a shell line: split at `&&`, `||`, `;`, `|`, newlines and subshell brackets. */
function simpleCommands(script: string): string[][] {
  return script
    .replace(/\\\r?\n/g, ' ')
    .split(/&&|\|\||[;|\n(){}]/)
    .map((part) =>
      part
        .trim()
        .split(/\s+/)
        .map((w) => w.replace(/^["']|["']$/g, ''))
        .filter((w) => w !== ''),
    )
    .filter((words) => words.length > 0);
}

/** The update commands of a RUN step that no install of the same manager follows, as written (`apt-get update`). */
export function lonelyUpdates(script: string): string[] {
  const seen: { manager: Manager; text: string; kind: 'update' | 'install' }[] = [];
  for (const words of simpleCommands(script)) {
    const found = commandAndVerb(words);
    if (!found) continue;
    const { manager, command, verb } = found;
    if (manager.updates.includes(verb) && !manager.installs.includes(verb))
      seen.push({ manager, text: `${command} ${verb}`, kind: 'update' });
    else if (manager.installs.includes(verb)) seen.push({ manager, text: '', kind: 'install' });
  }
  return seen
    .filter(
      (s, i) =>
        s.kind === 'update' &&
        !seen.slice(i + 1).some((later) => later.kind === 'install' && later.manager === s.manager),
    )
    .map((s) => s.text)
    .filter((text, i, all) => all.indexOf(text) === i);
}

export function updateAloneFindings(ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  for (const step of ctx.steps) {
    if (step.instruction !== 'RUN') continue;
    const updates = lonelyUpdates(step.args);
    if (updates.length === 0) continue;
    const location = stepLocation(step);
    findings.push(
      findingOf(UPDATE_ALONE, location, {
        title: `Package index update without an install in the same RUN (${updates.join(', ')}, ${location.jsonPath})`,
        evidence: updates.join(', '),
      }),
    );
  }
  return findings;
}
