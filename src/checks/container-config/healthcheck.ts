// SW-CFG-024: nothing checks the container's health at run time (no HEALTHCHECK, no probes, or checks disabled).
// CIS Docker Benchmark v1.6.0 5.27.

import { dockerAdvice, hit, type Control } from './control.js';
import { RUNTIME_DEFAULTS } from './defaults.js';

export const NO_HEALTHCHECK: Control = {
  rule: {
    id: 'SW-CFG-024',
    kind: 'config',
    severity: 'low',
    title: 'No health check',
    remediation:
      'Give the container a health check, so that the orchestrator can tell a hung service from a healthy one and replace it.',
    references: [
      'https://docs.docker.com/reference/dockerfile/#healthcheck',
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
    ],
    frameworks: { 'cis-docker': ['5.27'] },
  },
  advice: {
    ...dockerAdvice(
      'Run the container with --health-cmd (or build the image with a HEALTHCHECK); do not use --no-healthcheck.',
    ),
    compose: 'Add a `healthcheck` to the service (and remove `disable: true`).',
    kubernetes: 'Add a `livenessProbe` (and a `readinessProbe`) to the container.',
    marathon: 'Add `healthChecks` to the app.',
  },
  check(spec) {
    const health = spec.healthcheck;
    if (health?.value === true) return [];
    if (health) return [hit(health.at, 'Has its health check disabled')];
    if (RUNTIME_DEFAULTS[spec.input].healthcheck !== 'none') return [];
    return [hit(spec.container.at, 'Has no health check')];
  },
};
