// SW-CFG-022: a restart policy without a bound (`always`, `unless-stopped`, `on-failure` with no or more than 5
// retries), which can restart a crashing or compromised container forever. CIS Docker Benchmark v1.6.0 5.15.

import { dockerAdvice, hit, type Control } from './control.js';
import { RUNTIME_DEFAULTS } from './defaults.js';
import { fixByKey } from './patch.js';

/** CIS 5.15: `on-failure` with at most this many retries. */
export const MAX_RESTART_RETRIES = 5;

export const UNBOUNDED_RESTART: Control = {
  rule: {
    id: 'SW-CFG-022',
    kind: 'config',
    severity: 'low',
    title: 'The restart policy does not bound restarts',
    remediation: `Use the on-failure restart policy with at most ${MAX_RESTART_RETRIES} retries (or none), so that a failing container stops and gets looked at.`,
    references: ['https://docs.docker.com/engine/containers/start-containers-automatically/'],
    frameworks: { 'cis-docker': ['5.15'] },
  },
  advice: {
    ...dockerAdvice(`Run the container with --restart=on-failure:${MAX_RESTART_RETRIES}.`),
    compose: `Set \`restart: on-failure:${MAX_RESTART_RETRIES}\` on the service (or \`deploy.restart_policy\` with \`condition: on-failure\` and \`max_attempts: ${MAX_RESTART_RETRIES}\`).`,
  },
  check(spec) {
    const policy = spec.restartPolicy;
    // No policy is Docker's `no`: the container is not restarted, which is not what the control guards against.
    if (!policy || !RUNTIME_DEFAULTS[spec.input].restartPolicy) return [];
    const name = policy.value.name.trim().toLowerCase();
    const retries = policy.value.maxRetries;
    let problem: string;
    if (name === 'always' || name === 'unless-stopped')
      problem = `Restarts ${name}, without a bound`;
    else if (name !== 'on-failure') return [];
    else if (retries === undefined || retries <= 0) problem = 'Restarts on failure without a bound';
    else if (retries > MAX_RESTART_RETRIES) problem = `Restarts on failure up to ${retries} times`;
    else return [];
    return [
      hit(policy.at, problem, {
        evidence: retries === undefined || name !== 'on-failure' ? name : `${name}:${retries}`,
        patch: fixByKey(spec, policy.at, {
          restart: { replace: `on-failure:${MAX_RESTART_RETRIES}` },
        }),
      }),
    ];
  },
};
