// `.seawallignore.yaml` `findings:` entries applied to hardening findings (SW-IMG, SW-SEC, SW-DF ids): by rule id and,
// when given, path globs over the finding's location. Same file, statement and expiry rules as for vulnerabilities
// (docs/suppressions.md).

import type { Finding } from '../model/finding.js';
import { compileGlob } from './glob.js';
import { ignoreRuleExpired, type IgnoreRule } from './ignore-file.js';

export function suppressFindings(
  findings: readonly Finding[],
  ignore: readonly { file: string; rules: readonly IgnoreRule[] }[],
  now: Date,
): { findings: Finding[]; warnings: string[] } {
  const warnings = new Set<string>();
  const rules = ignore.flatMap(({ file, rules }) =>
    rules
      .filter((rule) => rule.scope === 'finding')
      .map((rule) => ({ file, rule, paths: rule.paths.map(compileGlob) })),
  );
  const out = findings.map((finding) => {
    if (finding.suppressed) return finding;
    for (const { file, rule, paths } of rules) {
      if (rule.id.toUpperCase() !== finding.id.toUpperCase()) continue;
      if (paths.length > 0 && !paths.some((matches) => matches(finding.location.path ?? '')))
        continue;
      if (ignoreRuleExpired(rule, now)) {
        warnings.add(
          `${file}: findings entry ${rule.entry} (${rule.id}) expired on ${rule.expires!.text} and no longer suppresses`,
        );
        continue;
      }
      const suppressed: NonNullable<Finding['suppressed']> = {
        kind: 'ignore-file',
        file,
        reason: rule.statement,
      };
      if (rule.expires) suppressed.expires = rule.expires.text;
      return { ...finding, suppressed };
    }
    return finding;
  });
  return { findings: out, warnings: [...warnings].sort() };
}
