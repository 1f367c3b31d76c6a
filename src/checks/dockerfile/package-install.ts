// Install hygiene of RUN: no recommended extras, no package index or download cache left in the layer, and an index
// update only together with the install it serves. CIS Docker Benchmark v1.6 section 4.7; Docker best practices.

import {
  BEST_PRACTICES,
  commandEvidence,
  dockerfileRule,
  hadolintWiki,
  hitAt,
  stageInstructions,
  trivyAvd,
  type DockerfileCheck,
  type Hit,
} from './check.js';
import { variablesAt, type DockerfileInstruction, type DockerfileModel } from './parse.js';
import {
  cacheMountTargets,
  isInstall,
  packageCommand,
  type PackageCommand,
} from './package-managers.js';
import type { SimpleCommand } from './shell.js';

export const APT_RECOMMENDS = dockerfileRule({
  id: 'SW-DF-008',
  severity: 'low',
  title: 'apt-get install without --no-install-recommends',
  remediation:
    'Add --no-install-recommends to apt-get install so only the packages asked for (and their dependencies) are installed.',
  scope: 'every stage',
  references: [`${BEST_PRACTICES}#apt-get`, hadolintWiki('DL3015'), trivyAvd('DS029')],
  frameworks: { hadolint: ['DL3015'], trivy: ['DS029'] },
});

export const APT_LISTS_KEPT = dockerfileRule({
  id: 'SW-DF-009',
  severity: 'low',
  title: 'apt-get update without removing /var/lib/apt/lists in the same RUN',
  remediation:
    'End the RUN that runs apt-get update with && rm -rf /var/lib/apt/lists/* (or use a cache mount for /var/lib/apt).',
  scope: 'every stage',
  references: [`${BEST_PRACTICES}#apt-get`, hadolintWiki('DL3009')],
  frameworks: { hadolint: ['DL3009'] },
});

export const APK_CACHE = dockerfileRule({
  id: 'SW-DF-010',
  severity: 'low',
  title: 'apk add without --no-cache',
  remediation:
    'Use apk add --no-cache, which neither needs apk update nor leaves the index in /var/cache/apk.',
  scope: 'every stage',
  references: [
    'https://github.com/gliderlabs/docker-alpine/blob/master/docs/usage.md#disabling-cache',
    hadolintWiki('DL3019'),
    trivyAvd('DS025'),
  ],
  frameworks: { hadolint: ['DL3019'], trivy: ['DS025'] },
});

export const PIP_CACHE = dockerfileRule({
  id: 'SW-DF-011',
  severity: 'low',
  title: 'pip install without --no-cache-dir',
  remediation:
    'Add --no-cache-dir to pip install (or ENV PIP_NO_CACHE_DIR=1) so downloaded wheels do not stay in the layer.',
  scope: 'every stage',
  references: ['https://pip.pypa.io/en/stable/topics/caching/', hadolintWiki('DL3042')],
  frameworks: { hadolint: ['DL3042'] },
});

export const UPDATE_ALONE = dockerfileRule({
  id: 'SW-DF-025',
  severity: 'medium',
  title: 'Package index update alone in a RUN',
  remediation:
    'Run the update and the install in one RUN (apt-get update && apt-get install -y ...), so a cached update layer never serves a later install stale package lists.',
  scope: 'every stage',
  references: [`${BEST_PRACTICES}#apt-get`, trivyAvd('DS017')],
  frameworks: { 'cis-docker': ['4.7'], trivy: ['DS017'] },
});

interface RunPackageCommand {
  command: SimpleCommand;
  pkg: PackageCommand;
}

export const packageInstallChecks: DockerfileCheck = (model: DockerfileModel): Hit[] => {
  const hits: Hit[] = [];
  for (const run of stageInstructions(model, 'RUN')) {
    const commands = run.shell?.commands ?? [];
    const pkgs: RunPackageCommand[] = commands.flatMap((command) => {
      const pkg = packageCommand(command);
      return pkg ? [{ command, pkg }] : [];
    });
    const mounts = cacheMountTargets(run);
    for (const { command, pkg } of pkgs) {
      const at = { line: command.line, evidence: commandEvidence(command) };
      if (pkg.manager === 'apt' && isInstall(pkg) && !skipsRecommends(pkg))
        hits.push(hitAt(APT_RECOMMENDS, run, at));
      if (
        pkg.manager === 'apk' &&
        isInstall(pkg) &&
        !pkg.options.includes('--no-cache') &&
        !mounts.some((t) => t.startsWith('/var/cache/apk'))
      )
        hits.push(hitAt(APK_CACHE, run, at));
      if (
        pkg.manager === 'pip' &&
        isInstall(pkg) &&
        !pkg.options.includes('--no-cache-dir') &&
        !pipCacheOff(model, run, command) &&
        !mounts.some((t) => t.includes('.cache/pip'))
      )
        hits.push(hitAt(PIP_CACHE, run, at));
    }
    const aptUpdate = pkgs.find(({ pkg }) => pkg.manager === 'apt' && pkg.subcommand === 'update');
    if (
      aptUpdate &&
      !removesAptLists(commands) &&
      !mounts.some((t) => t.startsWith('/var/lib/apt'))
    )
      hits.push(
        hitAt(APT_LISTS_KEPT, run, {
          line: aptUpdate.command.line,
          evidence: commandEvidence(aptUpdate.command),
        }),
      );
    hits.push(...updatesAlone(run, pkgs));
  }
  return hits;
};

/** `--no-install-recommends`, or the APT option that means the same (`-o APT::Install-Recommends=false`). */
function skipsRecommends(pkg: PackageCommand): boolean {
  return pkg.args.some(
    (arg, i) =>
      arg === '--no-install-recommends' ||
      (/^(-o|--option=?)?APT::Install-Recommends=["']?(false|0|no)["']?$/i.test(arg) &&
        (arg.startsWith('-') || pkg.args[i - 1] === '-o' || pkg.args[i - 1] === '--option')),
  );
}

/** `rm -rf /var/lib/apt/lists/*`, or apt-get distclean (APT 2.7), in the same RUN. */
function removesAptLists(commands: readonly SimpleCommand[]): boolean {
  return commands.some(
    (c) =>
      (c.words[0] === 'rm' && c.words.slice(1).some((w) => w.startsWith('/var/lib/apt/lists'))) ||
      (/^apt(-get)?$/.test(c.words[0] ?? '') &&
        ['distclean', 'dist-clean'].includes(c.words[1] ?? '')),
  );
}

/** PIP_NO_CACHE_DIR set to a true value on the command or by ENV/ARG in effect (pip reads any of these as on). */
function pipCacheOff(
  model: DockerfileModel,
  run: DockerfileInstruction,
  command: SimpleCommand,
): boolean {
  const inline = command.assignments
    .find((a) => a.startsWith('PIP_NO_CACHE_DIR='))
    ?.slice('PIP_NO_CACHE_DIR='.length);
  const value =
    inline ?? variablesAt(model, model.stages[run.stage]!, run.line).get('PIP_NO_CACHE_DIR');
  return (
    value !== undefined &&
    value !== null &&
    /^(1|true|yes|on)$/i.test(value.replace(/^["']|["']$/g, ''))
  );
}

/** Families whose update must be followed by an install of the same family in the same RUN. */
const FAMILY: Record<string, string> = {
  apt: 'apt',
  apk: 'apk',
  yum: 'yum',
  dnf: 'dnf',
  microdnf: 'dnf',
  zypper: 'zypper',
};
const UPDATES = new Set(['update', 'up', 'refresh', 'ref']);
const INSTALLS = new Set([
  'install',
  'in',
  'add',
  'upgrade',
  'dist-upgrade',
  'full-upgrade',
  'dup',
  'reinstall',
  'groupinstall',
  'localinstall',
  'source-install',
  'si',
  'build-dep',
]);

function updatesAlone(run: DockerfileInstruction, pkgs: readonly RunPackageCommand[]): Hit[] {
  const hits: Hit[] = [];
  const reported = new Set<string>();
  pkgs.forEach(({ command, pkg }, index) => {
    const family = FAMILY[pkg.manager];
    if (!family || reported.has(family) || !UPDATES.has(pkg.subcommand ?? '')) return;
    const followed = pkgs
      .slice(index + 1)
      .some(
        (later) => FAMILY[later.pkg.manager] === family && INSTALLS.has(later.pkg.subcommand ?? ''),
      );
    if (followed) {
      reported.add(family);
      return;
    }
    // Another update of the family may still be followed by an install: only the last one decides.
    const laterUpdate = pkgs
      .slice(index + 1)
      .some(
        (later) => FAMILY[later.pkg.manager] === family && UPDATES.has(later.pkg.subcommand ?? ''),
      );
    if (laterUpdate) return;
    reported.add(family);
    hits.push(
      hitAt(UPDATE_ALONE, run, {
        line: command.line,
        title: `${pkg.program} ${pkg.subcommand} without an install in the same RUN`,
        evidence: commandEvidence(command),
      }),
    );
  });
  return hits;
}
