// SW-IMG-002: the image exposes port 22, SSH's port (RFC 4253 runs over TCP, so 22/udp is no SSH and is left out).
// Docker's EXPOSE (https://docs.docker.com/reference/dockerfile/#expose); Trivy DS004.

import { findingOf, type Finding, type Rule } from '../../model/finding.js';
import { keyedPath, lastStepOf, type CheckContext } from './context.js';

export const SSH_PORT: Rule = {
  id: 'SW-IMG-002',
  kind: 'image',
  severity: 'medium',
  title: 'Port 22 (SSH) is exposed',
  remediation:
    'Remove `EXPOSE 22` and do not run sshd in the container; use `docker exec` or `kubectl exec` to get a shell.',
  references: ['https://docs.docker.com/reference/dockerfile/#expose'],
  frameworks: { trivy: ['DS004'] },
};

const SSH_PORTS = new Set(['22', '22/tcp']);

export function sshPortFindings(ctx: CheckContext): Finding[] {
  const ports = (ctx.config?.exposedPorts ?? []).filter((p) => SSH_PORTS.has(p.toLowerCase()));
  return ports.map((port) => {
    const jsonPath = keyedPath('config.ExposedPorts', port);
    const step = lastStepOf(ctx.steps, 'EXPOSE', (s) =>
      /(?:^|[\s[])22(?:\/tcp)?(?:$|[\s:])/i.test(s.args),
    );
    return findingOf(
      SSH_PORT,
      { jsonPath },
      {
        title: `Port 22 (SSH) is exposed (${jsonPath})`,
        evidence: step ? `history[${step.index}]: EXPOSE ${step.args}` : port,
      },
    );
  });
}
