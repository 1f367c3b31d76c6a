// Package names in the one form advisories and installed packages are compared in, per ecosystem.
// PyPI per PEP 503 (https://peps.python.org/pep-0503/#normalized-names); NuGet and Composer names are case-insensitive.

/**
 * The name as the matcher compares it. `ecosystem` is an OSV ecosystem name ('PyPI', 'NuGet', 'Packagist', a
 * 'Packagist:REPO' suffix allowed) or the purl type of an installed package ('pypi', 'nuget', 'composer'), in any case.
 * Maven ('group:artifact'), Go module paths, npm, RubyGems and crates.io names are case-sensitive and kept as written,
 * as are distribution package names.
 */
export function normalizePackageName(ecosystem: string, name: string): string {
  const family = ecosystem.split(':', 1)[0]!.toLowerCase();
  switch (family) {
    case 'pypi':
      return name.toLowerCase().replace(/[-_.]+/g, '-');
    case 'nuget':
    case 'packagist':
    case 'composer':
      return name.toLowerCase();
    default:
      return name;
  }
}
