// How RUN scripts behave: no sudo (the build already runs as the USER it needs), WORKDIR rather than cd, and
// pipefail so a failing command in a pipe fails the build. https://docs.docker.com/build/building/best-practices/#run

import {
  BEST_PRACTICES,
  commandEvidence,
  dockerfileRule,
  hadolintWiki,
  hitAt,
  REFERENCE,
  runCommands,
  stageInstructions,
  trivyAvd,
  type DockerfileCheck,
  type Hit,
} from './check.js';
import { stageChain, type DockerfileInstruction, type DockerfileModel } from './parse.js';
import { commandBaseName, type SimpleCommand } from './shell.js';

export const SUDO = dockerfileRule({
  id: 'SW-DF-002',
  severity: 'medium',
  title: 'RUN uses sudo',
  remediation:
    'Drop sudo: switch with USER root for the steps that need it and back to the unprivileged USER after; use gosu or su-exec for a runtime switch.',
  scope: 'every stage',
  references: [`${REFERENCE}#user`, hadolintWiki('DL3004'), trivyAvd('DS010')],
  frameworks: { hadolint: ['DL3004'], trivy: ['DS010'] },
});

export const RUN_CD = dockerfileRule({
  id: 'SW-DF-020',
  severity: 'low',
  title: 'RUN changes directory with cd (use WORKDIR)',
  remediation: 'Set the directory with WORKDIR /path instead of RUN cd /path && ...',
  scope: 'every stage',
  references: [`${BEST_PRACTICES}#workdir`, hadolintWiki('DL3003'), trivyAvd('DS013')],
  frameworks: { hadolint: ['DL3003'], trivy: ['DS013'] },
});

export const PIPE_WITHOUT_PIPEFAIL = dockerfileRule({
  id: 'SW-DF-021',
  severity: 'low',
  title: 'RUN pipes without pipefail: a failing command before | does not fail the build',
  remediation:
    'Start the script with set -o pipefail, or set SHELL ["/bin/bash", "-o", "pipefail", "-c"] (ash on Alpine) before the RUN.',
  scope: 'every stage',
  references: [`${BEST_PRACTICES}#using-pipes`, hadolintWiki('DL4006'), trivyAvd('DS032')],
  frameworks: { hadolint: ['DL4006'], trivy: ['DS032'] },
});

const NON_POSIX_SHELLS = /^(pwsh|powershell|cmd)(\.exe)?$/i;

export const runCommandChecks: DockerfileCheck = (model: DockerfileModel): Hit[] => {
  const hits: Hit[] = [];
  for (const { instruction, command } of runCommands(model)) {
    if (command.words[0] !== undefined && commandBaseName(command.words[0]) === 'sudo')
      hits.push(
        hitAt(SUDO, instruction, { line: command.line, evidence: commandEvidence(command) }),
      );
  }
  for (const run of stageInstructions(model, 'RUN')) {
    const commands = run.shell?.commands ?? [];
    const cd = commands.find((c) => c.words[0] === 'cd');
    if (cd) hits.push(hitAt(RUN_CD, run, { line: cd.line, evidence: commandEvidence(cd) }));
    const piped = commands.find((c) => c.pipesOut);
    if (
      run.shell?.hasPipe &&
      piped &&
      !pipefailBefore(commands, piped) &&
      !shellHasPipefail(model, run)
    )
      hits.push(
        hitAt(PIPE_WITHOUT_PIPEFAIL, run, {
          line: piped.line,
          evidence: commandEvidence(piped),
        }),
      );
  }
  return hits;
};

/** `set -o pipefail`, `set -euo pipefail`, `set -eux -o pipefail` before the first pipe of the script. */
function pipefailBefore(commands: readonly SimpleCommand[], firstPiped: SimpleCommand): boolean {
  for (const command of commands) {
    if (command === firstPiped) return false;
    if (command.words[0] === 'set' && setsPipefail(command.words.slice(1))) return true;
  }
  return false;
}

/** Options that turn pipefail on: `-o pipefail`, or `o` in a group of short options followed by `pipefail`. */
function setsPipefail(args: readonly string[]): boolean {
  return args.some((arg, i) => /^-[a-zA-Z]*o[a-zA-Z]*$/.test(arg) && args[i + 1] === 'pipefail');
}

/**
 * Whether the SHELL in effect for `run` turns pipefail on, or is not a POSIX shell (PowerShell, cmd) to which
 * pipefail does not apply. SHELL carries over to a stage built FROM an earlier one.
 */
function shellHasPipefail(model: DockerfileModel, run: DockerfileInstruction): boolean {
  const stage = model.stages[run.stage]!;
  const shell = stageChain(model, stage)
    .flatMap((s) => s.instructions)
    .filter((i) => i.keyword === 'SHELL' && (i.stage !== run.stage || i.line < run.line))
    .pop();
  if (!shell) return false;
  const program = commandBaseName(shell.args[0] ?? '');
  if (NON_POSIX_SHELLS.test(program)) return true;
  return setsPipefail(shell.args.slice(1));
}
