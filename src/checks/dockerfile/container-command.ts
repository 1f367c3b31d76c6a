// What the container starts with: one CMD and one ENTRYPOINT per stage, in exec form so the program is PID 1 and
// gets signals. CMD: https://docs.docker.com/reference/dockerfile/#cmd ; ENTRYPOINT: ...#entrypoint

import {
  dockerfileRule,
  finalImageInstructions,
  finalStage,
  hadolintWiki,
  hitAt,
  instructionEvidence,
  REFERENCE,
  trivyAvd,
  type DockerfileCheck,
  type Hit,
} from './check.js';
import type { DockerfileModel } from './parse.js';

export const MULTIPLE_CMD = dockerfileRule({
  id: 'SW-DF-017',
  severity: 'low',
  title: 'CMD has no effect: a later CMD in the stage replaces it',
  remediation: 'Keep one CMD, the last one, in the final stage.',
  scope: 'final stage',
  references: [`${REFERENCE}#cmd`, hadolintWiki('DL4003'), trivyAvd('DS016')],
  frameworks: { hadolint: ['DL4003'], trivy: ['DS016'] },
});

export const MULTIPLE_ENTRYPOINT = dockerfileRule({
  id: 'SW-DF-018',
  severity: 'low',
  title: 'ENTRYPOINT has no effect: a later ENTRYPOINT in the stage replaces it',
  remediation: 'Keep one ENTRYPOINT, the last one, in the final stage.',
  scope: 'final stage',
  references: [`${REFERENCE}#entrypoint`, hadolintWiki('DL4004'), trivyAvd('DS007')],
  frameworks: { hadolint: ['DL4004'], trivy: ['DS007'] },
});

export const SHELL_FORM_COMMAND = dockerfileRule({
  id: 'SW-DF-019',
  severity: 'low',
  title: 'CMD or ENTRYPOINT in shell form: the program is not PID 1 and misses stop signals',
  remediation:
    'Write the command in exec form, CMD ["program", "arg"], so it runs as PID 1 and receives SIGTERM (or exec it from a script).',
  scope: 'final stage',
  references: [`${REFERENCE}#shell-and-exec-form`, hadolintWiki('DL3025')],
  frameworks: { hadolint: ['DL3025'] },
});

export const containerCommandChecks: DockerfileCheck = (model: DockerfileModel): Hit[] => {
  const final = finalStage(model);
  if (!final) return [];
  const hits: Hit[] = [];
  for (const [keyword, rule] of [
    ['CMD', MULTIPLE_CMD],
    ['ENTRYPOINT', MULTIPLE_ENTRYPOINT],
  ] as const) {
    const own = final.instructions.filter((i) => i.keyword === keyword);
    for (const overridden of own.slice(0, -1))
      hits.push(
        hitAt(rule, overridden, {
          title: `${keyword} on line ${overridden.line} has no effect: the ${keyword} on line ${own[own.length - 1]!.line} replaces it`,
          evidence: instructionEvidence(overridden),
        }),
      );
    // Only the command that takes effect matters, wherever in the chain of stages it was set.
    const effective = finalImageInstructions(model)
      .filter((i) => i.keyword === keyword)
      .pop();
    if (effective && effective.form === 'shell' && effective.text !== '')
      hits.push(
        hitAt(SHELL_FORM_COMMAND, effective, {
          title: `${keyword} in shell form: /bin/sh -c is PID 1 and the program misses stop signals`,
          evidence: instructionEvidence(effective),
        }),
      );
  }
  return hits;
};
