// SW-IMG-003: a credential in the image's environment (config.Env), where every container and anyone who pulls the
// image can read it. CIS Docker Benchmark 4.10; Dockle CIS-DI-0010 (https://github.com/goodwithtech/dockle).

import { findingOf, type Finding, type Rule } from '../../model/finding.js';
import type { CheckContext } from './context.js';
import { maskSecret } from './mask.js';
import { isNonSecretValue, isSecretName } from './secret-names.js';

export const ENV_SECRET: Rule = {
  id: 'SW-IMG-003',
  kind: 'image',
  severity: 'high',
  title: 'A secret is set in the image environment',
  remediation:
    'Remove the variable from the Dockerfile (ENV) and rotate the credential; pass it at run time from a secret store (Docker or Kubernetes secrets, mounted as a file and read through a *_FILE variable).',
  references: [
    'https://docs.docker.com/build/building/secrets/',
    'https://github.com/goodwithtech/dockle/blob/master/CHECKPOINT.md',
  ],
  frameworks: { 'cis-docker': ['4.10'], dockle: ['CIS-DI-0010'], trivy: ['DS031'] },
};

/** One config.Env entry found to hold a secret. */
export interface EnvSecret {
  index: number;
  name: string;
  value: string;
  /** Set when the secret engine, not the name, found it. */
  rules?: string[];
  evidence: string;
}

/** The config.Env entries that hold secrets: by name first, then (for other names) by the secret engine. */
export function envSecrets(ctx: CheckContext): EnvSecret[] {
  const out: EnvSecret[] = [];
  (ctx.config?.env ?? []).forEach((entry, index) => {
    const eq = entry.indexOf('=');
    const name = eq < 0 ? entry : entry.slice(0, eq);
    const value = eq < 0 ? '' : entry.slice(eq + 1);
    if (isSecretName(name) && !isNonSecretValue(value)) {
      out.push({ index, name, value, evidence: `${name}=${maskSecret(value)}` });
      return;
    }
    const matches = value === '' ? [] : (ctx.secretScan?.(entry) ?? []);
    if (matches.length > 0) {
      const rules = [...new Set(matches.map((m) => m.rule))].sort();
      out.push({
        index,
        name,
        value,
        rules,
        evidence: `${name}: ${matches.map((m) => m.masked).join(', ')}`,
      });
    }
  });
  return out;
}

export function envSecretFindings(ctx: CheckContext, secrets = envSecrets(ctx)): Finding[] {
  return secrets.map((s) => {
    const jsonPath = `config.Env[${s.index}]`;
    const title = s.rules
      ? `Secret (${s.rules.join(', ')}) in ENV ${s.name} (${jsonPath})`
      : `Secret-looking ENV ${s.name} is set in the image (${jsonPath})`;
    return findingOf(ENV_SECRET, { jsonPath }, { title, evidence: s.evidence });
  });
}
