// Installed gem specifications: name, version, platform, licences and runtime needs, read by pattern, never evaluated.
// The Ruby Gem::Specification#to_ruby writes: https://guides.rubygems.org/specification-reference/ (as Trivy, Syft read it).

import { leadingStringLiteral, stringLiterals } from './ruby-literal.js';

export interface Gemspec {
  name: string;
  version: string;
  /** The platform of a binary gem (x86_64-linux, java); absent for plain 'ruby' gems. */
  platform?: string;
  /** As listed (`licenses = [...]` or `license = ...`); RubyGems gives a list no AND/OR meaning. */
  licenses: string[];
  /** Names of the gems it needs at run time (add_runtime_dependency, or add_dependency), sorted, unique. */
  runtimeDependencies: string[];
}

export type GemspecResult = { spec: Gemspec } | { problem: string };

/** `s.name = ...`, `spec.version = ...`: an attribute set on the block variable, one per line as to_ruby writes. */
const ASSIGNMENT = /^[ \t]*[A-Za-z_]\w*\.(name|version|platform|licenses?)[ \t]*=(?!=)(.*)$/gm;
/** `s.add_runtime_dependency(%q<rack>.freeze, [...])`, `s.add_development_dependency(...)`, `s.add_dependency(...)`. */
const DEPENDENCY =
  /^[ \t]*[A-Za-z_]\w*\.add_(runtime_dependency|dependency|development_dependency)\b(.*)$/gm;
/** `# stub: json 2.6.1 ruby lib`: RubyGems' own quick-load header, name, version and platform before the code. */
const STUB = /^# stub: (\S+) (\S+) (\S+)/m;
/** Gem::Version's accepted form (rubygems/version.rb ANCHORED_VERSION_PATTERN). */
const VERSION = /^[0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
/** Gem names as RubyGems accepts them (Gem::Specification#validate_name). */
const NAME = /^[A-Za-z0-9._-]+$/;
const DEFAULT_PLATFORM = 'ruby';

export function parseGemspec(text: string): GemspecResult {
  const assigned = new Map<string, string>();
  for (const m of text.matchAll(ASSIGNMENT)) {
    if (!assigned.has(m[1]!)) assigned.set(m[1]!, m[2]!);
  }
  const stub = STUB.exec(text.slice(0, 1024));
  const literal = (key: string) => {
    const code = assigned.get(key);
    return code === undefined ? undefined : leadingStringLiteral(code);
  };

  const name = literal('name') ?? stub?.[1];
  if (name === undefined) return { problem: 'no literal name (s.name = "...")' };
  if (!NAME.test(name)) return { problem: `name ${JSON.stringify(name)} is not a gem name` };
  const version = literal('version') ?? stub?.[2];
  if (version === undefined) return { problem: `${name}: no literal version (s.version = "...")` };
  if (!VERSION.test(version))
    return { problem: `${name}: version ${JSON.stringify(version)} is not a gem version` };

  const spec: Gemspec = {
    name,
    version,
    licenses: licensesOf(assigned),
    runtimeDependencies: runtimeDependencies(text),
  };
  const platform = literal('platform') ?? stub?.[3];
  if (platform && platform !== DEFAULT_PLATFORM) spec.platform = platform;
  return { spec };
}

function licensesOf(assigned: ReadonlyMap<string, string>): string[] {
  const code = assigned.get('licenses') ?? assigned.get('license');
  if (code === undefined) return [];
  // Only the literals before any trailing `if ...` belong to the list (to_ruby writes none, hand-written specs might).
  const list = code.trimStart().startsWith('[') ? code.slice(0, code.indexOf(']') + 1) : code;
  return [...new Set(stringLiterals(list).map((l) => l.trim()))].filter((l) => l !== '');
}

/**
 * to_ruby writes `if s.respond_to? :add_runtime_dependency then <runtime and development calls> else <the same gems,
 * all as add_dependency> end`: add_dependency counts only in a spec that never names the kind of a dependency.
 */
function runtimeDependencies(text: string): string[] {
  const calls = [...text.matchAll(DEPENDENCY)];
  const kindsNamed = calls.some((m) => m[1] !== 'dependency');
  const names = new Set<string>();
  for (const m of calls) {
    if (m[1] === 'development_dependency' || (kindsNamed && m[1] === 'dependency')) continue;
    const args = m[2]!.trimStart();
    const name = leadingStringLiteral(args.startsWith('(') ? args.slice(1) : args);
    if (name && NAME.test(name)) names.add(name);
  }
  return [...names].sort();
}
