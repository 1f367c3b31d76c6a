// SW-IMG-004: a credential in the image history (build args a RUN saw, ARG defaults, overwritten ENV values, what the
// secret engine finds), which ships with the image. CIS Docker 4.10; https://docs.docker.com/build/building/secrets/

import { findingOf, type Finding, type Rule } from '../../model/finding.js';
import { stepLocation, type CheckContext } from './context.js';
import { splitAssignments, type ParsedStep } from './history.js';
import { maskSecret } from './mask.js';
import { isNonSecretValue, isSecretName } from './secret-names.js';

export const HISTORY_SECRET: Rule = {
  id: 'SW-IMG-004',
  kind: 'image',
  severity: 'high',
  title: 'A secret is recorded in the image history',
  remediation:
    'Rotate the credential, then pass it to the build as a secret mount (RUN --mount=type=secret, docker build --secret) instead of a build arg or ENV; `docker history` shows build-arg values to anyone who pulls the image.',
  references: [
    'https://docs.docker.com/build/building/secrets/',
    'https://docs.docker.com/reference/dockerfile/#arg',
  ],
  frameworks: { 'cis-docker': ['4.10'], trivy: ['DS031'] },
};

interface Sighting {
  key: string;
  step: ParsedStep;
  title: (path: string) => string;
  evidence: string;
}

/**
 * Findings of secrets in history. `reported` holds raw values another rule already reported (config.Env secrets):
 * they are taken out of the text before the secret engine reads it, so one secret makes one finding.
 */
export function historySecretFindings(
  ctx: CheckContext,
  reported: ReadonlySet<string> = new Set(),
): Finding[] {
  const env = new Set(ctx.config?.env ?? []);
  const sightings: Sighting[] = [];
  for (const step of ctx.steps) {
    const known = new Set(reported);
    const named = (name: string, value: string) => isSecretName(name) && !isNonSecretValue(value);
    for (const arg of step.buildArgs) {
      if (!named(arg.name, arg.value)) continue;
      known.add(arg.value);
      sightings.push({
        key: `arg\0${arg.name}\0${arg.value}`,
        step,
        title: (path) => `Build argument ${arg.name} is recorded in the image history (${path})`,
        evidence: `${arg.name}=${maskSecret(arg.value)}`,
      });
    }
    if (step.instruction === 'ARG' || step.instruction === 'ENV') {
      const isEnv = step.instruction === 'ENV';
      for (const a of splitAssignments(step.args, { legacyEnv: isEnv })) {
        if (!named(a.name, a.value)) continue;
        known.add(a.value);
        // An ENV the configuration still holds is SW-IMG-003's to report.
        if (isEnv && env.has(`${a.name}=${a.value}`)) continue;
        sightings.push({
          key: `${step.instruction}\0${a.name}\0${a.value}`,
          step,
          title: (path) =>
            isEnv
              ? `ENV ${a.name} is recorded in the image history though config.Env no longer holds it (${path})`
              : `ARG ${a.name} has a secret default recorded in the image history (${path})`,
          evidence: `${a.name}=${maskSecret(a.value)}`,
        });
      }
    }
    if (ctx.secretScan) {
      let text = step.createdBy;
      for (const value of known) if (value !== '') text = text.split(value).join('');
      const matches = ctx.secretScan(text);
      if (matches.length > 0) {
        const rules = [...new Set(matches.map((m) => m.rule))].sort();
        const masked = matches.map((m) => m.masked).join(', ');
        sightings.push({
          key: `scan\0${rules.join(',')}\0${masked}`,
          step,
          title: (path) => `Secret (${rules.join(', ')}) in the image history (${path})`,
          evidence: masked,
        });
      }
    }
  }
  // A build arg repeats in every later RUN step: one finding, at the first step, naming the others.
  const byKey = new Map<string, Sighting[]>();
  for (const s of sightings) byKey.set(s.key, [...(byKey.get(s.key) ?? []), s]);
  return [...byKey.values()].map((group) => {
    const first = group[0]!;
    const location = stepLocation(first.step);
    const others = [...new Set(group.slice(1).map((s) => s.step.index))].filter(
      (i) => i !== first.step.index,
    );
    const evidence =
      others.length > 0
        ? `${first.evidence} (also in ${others.map((i) => `history[${i}]`).join(', ')})`
        : first.evidence;
    return findingOf(HISTORY_SECRET, location, {
      title: first.title(location.jsonPath!),
      evidence,
    });
  });
}
