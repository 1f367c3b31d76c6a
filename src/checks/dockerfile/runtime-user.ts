// The user the image runs as: the last USER of the final stage (or of the stages it builds on) must not be root.
// CIS Docker Benchmark v1.6 section 4.1; USER: https://docs.docker.com/reference/dockerfile/#user

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
import { substituteVariables, variablesAt, type DockerfileModel } from './parse.js';

export const ROOT_USER = dockerfileRule({
  id: 'SW-DF-001',
  severity: 'high',
  title: 'The image runs as root',
  remediation:
    'Create an unprivileged user (RUN useradd --system app) and end the final stage with USER app (or a numeric UID).',
  scope: 'final stage',
  references: [`${REFERENCE}#user`, hadolintWiki('DL3002'), trivyAvd('DS002')],
  frameworks: { 'cis-docker': ['4.1'], hadolint: ['DL3002'], trivy: ['DS002'] },
});

/** `root`, `0`, `root:staff`, `0:0`: the user part decides. */
export function isRootUser(user: string): boolean {
  const name = user.split(':')[0]!.trim();
  return name === 'root' || name === '0';
}

export const runtimeUserChecks: DockerfileCheck = (model: DockerfileModel): Hit[] => {
  const final = finalStage(model);
  if (!final) return [];
  const users = finalImageInstructions(model).filter((i) => i.keyword === 'USER');
  const last = users[users.length - 1];
  if (!last) {
    const from = final.instructions[0]!;
    return [
      hitAt(ROOT_USER, from, {
        title:
          'No USER in the final stage: the image runs as its base image user, root unless the base sets one',
        evidence: instructionEvidence(from),
      }),
    ];
  }
  const stage = model.stages[last.stage]!;
  // A user from a build argument without a default is decided at build time: nothing to judge here.
  const user = substituteVariables(last.args[0] ?? '', variablesAt(model, stage, last.line));
  if (user === undefined || !isRootUser(user)) return [];
  return [
    hitAt(ROOT_USER, last, {
      title: `The last USER of the final stage is ${user}`,
      evidence: instructionEvidence(last),
    }),
  ];
};
