// A bounded memo for version parsers: matching compares one installed version with many range bounds, and the same
// bounds recur across packages, so most parses are repeats. Parsed values are shared: callers must not mutate them.

/** Cleared whole when full: simpler than an LRU, and a scan's working set is far smaller. */
const DEFAULT_LIMIT = 16_384;

export function memoized<T>(
  parse: (version: string) => T,
  limit = DEFAULT_LIMIT,
): (version: string) => T {
  const cache = new Map<string, T>();
  return (version) => {
    let parsed = cache.get(version);
    if (parsed === undefined && !cache.has(version)) {
      if (cache.size >= limit) cache.clear();
      parsed = parse(version);
      cache.set(version, parsed);
    }
    return parsed as T;
  };
}
