// A health check in the image, so an orchestrator can tell a hung container from a working one.
// CIS Docker Benchmark v1.6 section 4.6; HEALTHCHECK: https://docs.docker.com/reference/dockerfile/#healthcheck

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

export const NO_HEALTHCHECK = dockerfileRule({
  id: 'SW-DF-024',
  severity: 'low',
  title: 'No HEALTHCHECK in the final stage',
  remediation:
    'Add HEALTHCHECK CMD <probe> (for example HEALTHCHECK CMD curl -fsS http://localhost:8080/health || exit 1) to the final stage.',
  scope: 'final stage',
  references: [`${REFERENCE}#healthcheck`, hadolintWiki('DL3057'), trivyAvd('DS026')],
  frameworks: { 'cis-docker': ['4.6'], hadolint: ['DL3057'], trivy: ['DS026'] },
});

export const healthcheckChecks: DockerfileCheck = (model: DockerfileModel): Hit[] => {
  const final = finalStage(model);
  if (!final) return [];
  const healthchecks = finalImageInstructions(model).filter((i) => i.keyword === 'HEALTHCHECK');
  const last = healthchecks[healthchecks.length - 1];
  if (!last) {
    const from = final.instructions[0]!;
    return [hitAt(NO_HEALTHCHECK, from, { evidence: instructionEvidence(from) })];
  }
  // HEALTHCHECK NONE switches off the one a base image defines: the image ends up without a check.
  if ((last.args[0] ?? '').toUpperCase() === 'NONE')
    return [
      hitAt(NO_HEALTHCHECK, last, {
        title: 'HEALTHCHECK NONE switches the health check off in the final stage',
        evidence: instructionEvidence(last),
      }),
    ];
  return [];
};
