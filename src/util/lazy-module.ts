// Libraries loaded on first use rather than at start: YAML and TOML parsers are needed only for the lock files some
// images have, and loading them every run cost every scan its start-up time.

import { createRequire } from 'node:module';

const requireModule = createRequire(import.meta.url);

/** A getter that loads the package `name` on its first call. */
export function lazyModule<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requireModule(name) as T);
}

export const yamlModule = lazyModule<typeof import('yaml')>('yaml');
export const tomlModule = lazyModule<typeof import('smol-toml')>('smol-toml');
