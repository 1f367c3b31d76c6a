// WORKDIR paths: an absolute path says where the build and the container run; a relative one depends on every
// WORKDIR before it (and the base image's). WORKDIR: https://docs.docker.com/reference/dockerfile/#workdir

import {
  BEST_PRACTICES,
  dockerfileRule,
  hadolintWiki,
  hitAt,
  instructionEvidence,
  stageInstructions,
  trivyAvd,
  type DockerfileCheck,
  type Hit,
} from './check.js';
import { substituteVariables, variablesAt, type DockerfileModel } from './parse.js';

export const RELATIVE_WORKDIR = dockerfileRule({
  id: 'SW-DF-022',
  severity: 'low',
  title: 'WORKDIR is a relative path',
  remediation: 'Give WORKDIR an absolute path (WORKDIR /app).',
  scope: 'every stage',
  references: [`${BEST_PRACTICES}#workdir`, hadolintWiki('DL3000'), trivyAvd('DS009')],
  frameworks: { hadolint: ['DL3000'], trivy: ['DS009'] },
});

/** `/app`, and on Windows images `C:\app` or `C:/app`. */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\');
}

export const workdirChecks: DockerfileCheck = (model: DockerfileModel): Hit[] => {
  const hits: Hit[] = [];
  for (const workdir of stageInstructions(model, 'WORKDIR')) {
    const written = workdir.text.replace(/^(["'])(.*)\1$/, '$2');
    if (written === '') continue;
    // A path from a variable without a default is only known at build time.
    const path = substituteVariables(
      written,
      variablesAt(model, model.stages[workdir.stage]!, workdir.line),
    );
    if (path === undefined || isAbsolutePath(path)) continue;
    hits.push(
      hitAt(RELATIVE_WORKDIR, workdir, {
        title: `WORKDIR ${written} is a relative path`,
        evidence: instructionEvidence(workdir),
      }),
    );
  }
  return hits;
};
