// SW-IMG-005: the image has no HEALTHCHECK, or disables the one it inherited (`HEALTHCHECK NONE`, `["NONE"]`).
// Docker's HEALTHCHECK (https://docs.docker.com/reference/dockerfile/#healthcheck); CIS Docker Benchmark 4.6.

import { findingOf, type Finding, type Rule } from '../../model/finding.js';
import type { CheckContext } from './context.js';

export const NO_HEALTHCHECK: Rule = {
  id: 'SW-IMG-005',
  kind: 'image',
  severity: 'low',
  title: 'The image has no HEALTHCHECK',
  remediation:
    'Add a HEALTHCHECK that probes the service (for example HEALTHCHECK CMD curl -f http://localhost:8080/health || exit 1), or define the probe in the orchestrator (Kubernetes liveness and readiness probes).',
  references: [
    'https://docs.docker.com/reference/dockerfile/#healthcheck',
    'https://github.com/goodwithtech/dockle/blob/master/CHECKPOINT.md',
  ],
  frameworks: { 'cis-docker': ['4.6'], dockle: ['CIS-DI-0006'], trivy: ['DS026'] },
};

export function healthcheckFindings(ctx: CheckContext): Finding[] {
  const test = ctx.config?.healthcheck;
  if (!ctx.config) return [];
  if (test && test.length > 0 && test[0] !== 'NONE') return [];
  const disabled = test !== undefined && test[0] === 'NONE';
  return [
    findingOf(
      NO_HEALTHCHECK,
      { jsonPath: disabled ? 'config.Healthcheck.Test' : 'config.Healthcheck' },
      {
        title: disabled
          ? 'HEALTHCHECK is disabled (config.Healthcheck.Test = ["NONE"])'
          : 'No HEALTHCHECK (config.Healthcheck is not set)',
      },
    ),
  ];
}
