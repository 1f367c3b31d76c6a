// Path globs for suppression rules: `**` spans directories, `*` and `?` stay within one path segment.
// The subset of gitignore-style globs (https://git-scm.com/docs/gitignore#_pattern_format) the ignore file documents.

/** A compiled glob: call it with a path relative to the image root. */
export type GlobMatcher = (path: string) => boolean;

/**
 * Compiles `pattern`. Paths and patterns are read relative to the root: a leading `/` or `./` is dropped and
 * repeated slashes count as one, so `/usr/lib/**` and `usr/lib/**` are the same pattern. A segment that is exactly
 * `**` matches zero or more whole segments (`usr/**` matches `usr` and everything below it); elsewhere `**` is `*`.
 * There are no character classes, braces or escapes: every other character matches itself.
 */
export function compileGlob(pattern: string): GlobMatcher {
  const segments = splitPath(pattern).map(compileSegment);
  return (path) => matchSegments(segments, splitPath(path));
}

/** One-off form of `compileGlob(pattern)(path)`. */
export function matchesGlob(path: string, pattern: string): boolean {
  return compileGlob(pattern)(path);
}

type SegmentMatcher = 'globstar' | RegExp | string;

function splitPath(path: string): string[] {
  return path
    .replace(/^\.\//, '')
    .split('/')
    .filter((segment) => segment !== '');
}

function compileSegment(segment: string): SegmentMatcher {
  if (segment === '**') return 'globstar';
  if (!/[*?]/.test(segment)) return segment;
  let source = '';
  for (const char of segment) {
    if (char === '*') {
      if (!source.endsWith('[^]*')) source += '[^]*';
    } else if (char === '?') source += '[^]';
    else source += char.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'u');
}

/** Dynamic programming over (pattern segment, path segment): linear in their product, whatever the `**` count. */
function matchSegments(pattern: readonly SegmentMatcher[], path: readonly string[]): boolean {
  // reachable[j]: pattern[0..i) can consume exactly path[0..j)
  let reachable = new Array<boolean>(path.length + 1).fill(false);
  reachable[0] = true;
  for (const matcher of pattern) {
    const next = new Array<boolean>(path.length + 1).fill(false);
    if (matcher === 'globstar') {
      let any = false;
      for (let j = 0; j <= path.length; j++) {
        any ||= reachable[j]!;
        next[j] = any;
      }
    } else {
      for (let j = 0; j < path.length; j++) {
        if (reachable[j] && segmentMatches(matcher, path[j]!)) next[j + 1] = true;
      }
    }
    reachable = next;
  }
  return reachable[path.length]!;
}

function segmentMatches(matcher: RegExp | string, segment: string): boolean {
  return typeof matcher === 'string' ? matcher === segment : matcher.test(segment);
}
