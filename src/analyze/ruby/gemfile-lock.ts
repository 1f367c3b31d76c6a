// Bundler lock files (Gemfile.lock, gems.locked): the locked gems of each source section and their dependency names.
// Format as Bundler's LockfileParser reads it (https://github.com/rubygems/rubygems/blob/master/bundler/lib/bundler/lockfile_parser.rb).

export type GemSource = 'rubygems' | 'git' | 'path' | 'plugin';

export interface LockedGem {
  name: string;
  /** The version without the platform suffix. */
  version: string;
  /** `nokogiri (1.16.7-x86_64-linux)` locks the x86_64-linux build; absent for plain 'ruby' gems. */
  platform?: string;
  source: GemSource;
  /** Names of the gems it depends on, as the lock lists them under it, sorted, unique. */
  dependencies: string[];
}

/** Section headers that hold `specs:` (Bundler's GEM, GIT, PATH and PLUGIN SOURCE). */
const SOURCE_SECTIONS: ReadonlyMap<string, GemSource> = new Map([
  ['GEM', 'rubygems'],
  ['GIT', 'git'],
  ['PATH', 'path'],
  ['PLUGIN SOURCE', 'plugin'],
]);
/** `    name (version[-platform])`: Bundler splits the platform off at the first '-', so do we. */
const SPEC = /^ {4}([^ (]+) \(([^-)]+)(?:-([^)]+))?\)$/;
/** `      name`, `      name (>= 1.0, < 2)`: a dependency of the spec above. */
const DEPENDENCY = /^ {6}([^ (!]+)(?: \([^)]*\))?!?$/;
const HEADER = /^[A-Z][A-Z ]*$/;

/**
 * The gems locked by a Bundler lock file, in file order. Lines it cannot read are reported once through `warn` (count
 * and first line number) and skipped; a file with no source section at all is reported as not a lock file.
 */
export function parseGemfileLock(text: string, warn: (message: string) => void): LockedGem[] {
  const gems: LockedGem[] = [];
  let source: GemSource | undefined;
  let inSpecs = false;
  let current: { gem: LockedGem; names: Set<string> } | undefined;
  let sawSourceSection = false;
  const unreadable: number[] = [];
  const finish = () => {
    if (current) current.gem.dependencies = [...current.names].sort();
    current = undefined;
  };

  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') continue;
    if (!line.startsWith(' ')) {
      // A stray line (a merge conflict marker) is skipped without leaving the section it interrupts.
      if (!HEADER.test(line)) {
        unreadable.push(index + 1);
        continue;
      }
      finish();
      inSpecs = false;
      source = SOURCE_SECTIONS.get(line);
      if (source) sawSourceSection = true;
      continue;
    }
    if (!source) continue; // PLATFORMS, DEPENDENCIES, CHECKSUMS, RUBY VERSION, BUNDLED WITH: nothing to list
    if (line.startsWith('  ') && !line.startsWith('   ')) {
      finish();
      inSpecs = line === '  specs:';
      continue; // remote:, revision:, branch:, glob: ... describe the source
    }
    if (!inSpecs) continue;
    const spec = SPEC.exec(line);
    if (spec) {
      finish();
      const gem: LockedGem = { name: spec[1]!, version: spec[2]!, source, dependencies: [] };
      if (spec[3] && spec[3] !== 'ruby') gem.platform = spec[3];
      gems.push(gem);
      current = { gem, names: new Set() };
      continue;
    }
    const dependency = DEPENDENCY.exec(line);
    if (dependency && current) current.names.add(dependency[1]!);
    else unreadable.push(index + 1);
  }
  finish();

  if (!sawSourceSection) {
    warn('no GEM, GIT or PATH section: not a Bundler lock file');
    return [];
  }
  if (unreadable.length > 0) {
    const count = unreadable.length === 1 ? '1 line' : `${unreadable.length} lines`;
    warn(`${count} not understood (first at line ${unreadable[0]}); skipped`);
  }
  return gems;
}
