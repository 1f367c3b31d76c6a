// Ports the image declares: EXPOSE 22 announces an SSH server, which a container should not run (use docker exec).
// EXPOSE: https://docs.docker.com/reference/dockerfile/#expose (PORT[/PROTOCOL] or a range START-END)

import {
  dockerfileRule,
  finalImageInstructions,
  hitAt,
  instructionEvidence,
  REFERENCE,
  trivyAvd,
  type DockerfileCheck,
  type Hit,
} from './check.js';
import { substituteVariables, variablesAt, type DockerfileModel } from './parse.js';

export const SSH_PORT = dockerfileRule({
  id: 'SW-DF-003',
  severity: 'medium',
  title: 'EXPOSE 22: the image offers SSH',
  remediation:
    'Do not run an SSH server in a container; remove EXPOSE 22 and reach the container with docker exec or kubectl exec.',
  scope: 'final stage',
  references: [`${REFERENCE}#expose`, trivyAvd('DS004')],
  frameworks: { trivy: ['DS004'] },
});

/** Whether `22`, `22/tcp`, `20-30/udp` covers port 22. */
export function coversSshPort(spec: string): boolean {
  const match = /^(\d+)(?:-(\d+))?(?:\/[a-z]+)?$/i.exec(spec.trim());
  if (!match) return false;
  const low = Number(match[1]);
  const high = match[2] !== undefined ? Number(match[2]) : low;
  return low <= 22 && 22 <= high;
}

export const exposedPortChecks: DockerfileCheck = (model: DockerfileModel): Hit[] => {
  const hits: Hit[] = [];
  for (const expose of finalImageInstructions(model).filter((i) => i.keyword === 'EXPOSE')) {
    const vars = variablesAt(model, model.stages[expose.stage]!, expose.line);
    const ports = expose.args
      .map((a) => substituteVariables(a, vars))
      .filter((p) => p !== undefined);
    const ssh = ports.find(coversSshPort);
    if (ssh !== undefined)
      hits.push(
        hitAt(SSH_PORT, expose, {
          title: `EXPOSE ${ssh}: the image offers SSH`,
          evidence: instructionEvidence(expose),
        }),
      );
  }
  return hits;
};
