// Package versions pinned in RUN installs, so a rebuild installs what was reviewed rather than whatever is newest.
// Version syntax per tool: apt-get(8) pkg=version, apk(8) pkg=version, PEP 440 specifiers, npm pkg@version, gem -v.

import {
  BEST_PRACTICES,
  commandEvidence,
  dockerfileRule,
  hadolintWiki,
  hitAt,
  runCommands,
  type DockerfileCheck,
  type Hit,
} from './check.js';
import type { Rule } from '../../model/finding.js';
import type { DockerfileModel } from './parse.js';
import {
  isInstall,
  isVariable,
  packageCommand,
  type PackageCommand,
  type PackageManager,
} from './package-managers.js';

const pinRule = (id: string, tool: string, hadolint: string, example: string): Rule =>
  dockerfileRule({
    id,
    severity: 'low',
    title: `${tool} installs packages without pinned versions`,
    remediation: `Pin each package to a version (${example}) and update the pins on purpose.`,
    scope: 'every stage',
    references: [`${BEST_PRACTICES}#apt-get`, hadolintWiki(hadolint)],
    frameworks: { hadolint: [hadolint] },
  });

export const APT_UNPINNED = pinRule(
  'SW-DF-012',
  'apt-get install',
  'DL3008',
  'apt-get install curl=7.88.1-10+deb12u8',
);
export const APK_UNPINNED = pinRule('SW-DF-013', 'apk add', 'DL3018', 'apk add curl=8.9.1-r1');
export const PIP_UNPINNED = pinRule(
  'SW-DF-014',
  'pip install',
  'DL3013',
  'pip install requests==2.32.3, or -r a pinned requirements file',
);
export const NPM_UNPINNED = pinRule(
  'SW-DF-015',
  'npm install',
  'DL3016',
  'npm install express@4.21.1',
);
export const GEM_UNPINNED = pinRule(
  'SW-DF-016',
  'gem install',
  'DL3028',
  'gem install rails:7.2.1 or gem install rails -v 7.2.1',
);

const RULES: Partial<Record<PackageManager, Rule>> = {
  apt: APT_UNPINNED,
  apk: APK_UNPINNED,
  pip: PIP_UNPINNED,
  npm: NPM_UNPINNED,
  gem: GEM_UNPINNED,
};

export const packagePinningChecks: DockerfileCheck = (model: DockerfileModel): Hit[] => {
  const hits: Hit[] = [];
  for (const { instruction, command } of runCommands(model)) {
    const pkg = packageCommand(command);
    const rule = pkg && RULES[pkg.manager];
    if (!pkg || !rule || !isInstall(pkg)) continue;
    const unpinned = unpinnedPackages(pkg);
    if (unpinned.length === 0) continue;
    hits.push(
      hitAt(rule, instruction, {
        line: command.line,
        title: `${pkg.program} ${pkg.subcommand} without pinned versions: ${unpinned.join(', ')}`,
        evidence: commandEvidence(command),
      }),
    );
  }
  return hits;
};

/** The operands of an install that name a registry package without a version. */
export function unpinnedPackages(pkg: PackageCommand): string[] {
  const named = pkg.operands.filter((p) => p !== '' && !isVariable(p));
  switch (pkg.manager) {
    case 'apt':
      // A local .deb is installed as it is; pkg/release picks a release, not a version.
      return named.filter((p) => !p.includes('=') && !p.endsWith('.deb') && !/^\.{0,2}\//.test(p));
    case 'apk':
      return named.filter((p) => !/[=<>~]/.test(p) && !p.endsWith('.apk') && !p.includes('/'));
    case 'pip':
      return named.filter((p) => !pipPinned(p));
    case 'npm':
      return named.filter((p) => !npmPinned(p));
    case 'gem':
      if (pkg.options.some((o) => /^(-v|--version)(=|$)/.test(o))) return [];
      return named.filter((p) => !p.includes(':') && !p.endsWith('.gem') && !p.includes('/'));
    default:
      return [];
  }
}

/** A PEP 440 specifier (==, ~=, >=, <, !=, ===), a direct reference (name @ url), or a path, URL or file. */
function pipPinned(spec: string): boolean {
  if (/[=<>!~@]/.test(spec)) return true;
  if (/^(\.|\/|~|[a-z+]+:\/\/)/i.test(spec) || spec.includes('/')) return true;
  return /\.(whl|tar\.gz|zip|tar\.bz2)$/i.test(spec);
}

/** name@version (or a range), @scope/name@version; a folder, tarball or git URL with a #commit. */
function npmPinned(spec: string): boolean {
  if (/^(git\+|git:\/\/|github:)/.test(spec)) return spec.includes('#');
  if (/^(\.{0,2}\/|~\/|file:|https?:\/\/)/.test(spec) || /\.(tgz|tar|tar\.gz)$/.test(spec))
    return true;
  const bare = spec.startsWith('@') ? spec.slice(1) : spec;
  const at = bare.indexOf('@');
  if (at < 0) return false;
  // A dist-tag such as latest or next moves like a branch; a version or range starts with a digit or an operator.
  return /^[v=^~<>]?\d|^[\^~<>=]/.test(bare.slice(at + 1));
}
