// Finished scans, and their rendered reports, kept by target so that an unchanged image or directory is answered
// without squashing, assembling or rendering again. Images are keyed by their content digests; a directory's entry
// carries the freshness records that say whether it still holds (src/scan/rootfs-freshness.ts).
// Each result is three kinds of file, so that a warm run reads only what it needs: `H.meta.json` (freshness,
// errors, warnings, generation), `H.G.inventory.json`, and `H.G.FORMAT` per rendered format, where G is the
// generation of the result they belong to (a rescan that finds changes starts a new one).

import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Inventory } from '../model/inventory.js';
import type { Freshness } from '../scan/rootfs-freshness.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { sha256Hex } from '../util/hash.js';

/** Bump when the stored shapes change. */
const RESULT_FORMAT = 3;

export interface ResultMeta {
  key: string;
  generation: string;
  errors: string[];
  warnings: string[];
  freshness?: Freshness;
}

export class ResultCache {
  private readonly dir: string;

  /** `codeIdentity` names the code that produced the results (the build, and any custom analyzers). */
  constructor(cacheDir: string, codeIdentity: string) {
    this.dir = join(
      cacheDir,
      'results',
      sha256Hex(`format=${RESULT_FORMAT},${codeIdentity}`).slice(0, 16),
    );
  }

  meta(key: string): ResultMeta | undefined {
    const meta = this.readJson<ResultMeta>(`${sha256Hex(key)}.meta.json`);
    return meta?.key === key && Array.isArray(meta.errors) && Array.isArray(meta.warnings)
      ? meta
      : undefined;
  }

  inventory(meta: ResultMeta): Inventory | undefined {
    return this.readJson<Inventory>(`${sha256Hex(meta.key)}.${meta.generation}.inventory.json`);
  }

  render(meta: ResultMeta, format: string): string | undefined {
    try {
      return readFileSync(
        join(this.dir, `${sha256Hex(meta.key)}.${meta.generation}.${format}`),
        'utf8',
      );
    } catch {
      return undefined;
    }
  }

  /** Stores a new result for `key`, dropping the files of its earlier generations. */
  put(
    key: string,
    inventory: Inventory,
    errors: string[],
    freshness: Freshness | undefined,
  ): ResultMeta {
    const hash = sha256Hex(key);
    const generation = sha256Hex(JSON.stringify(inventory)).slice(0, 16);
    const meta: ResultMeta = { key, generation, errors, warnings: inventory.warnings, freshness };
    try {
      mkdirSync(this.dir, { recursive: true });
      for (const name of readdirSync(this.dir)) {
        if (name.startsWith(`${hash}.`) && !name.startsWith(`${hash}.${generation}.`))
          rmSync(join(this.dir, name), { force: true });
      }
      this.write(`${hash}.${generation}.inventory.json`, JSON.stringify(inventory));
      this.write(`${hash}.meta.json`, JSON.stringify(meta)); // last: it makes the result visible
    } catch {
      /* a cache that cannot be written only costs the next scan its speed */
    }
    return meta;
  }

  putRender(meta: ResultMeta, format: string, text: string): void {
    try {
      this.write(`${sha256Hex(meta.key)}.${meta.generation}.${format}`, text);
    } catch {
      /* as above */
    }
  }

  private readJson<T>(name: string): T | undefined {
    try {
      return JSON.parse(readFileSync(join(this.dir, name), 'utf8')) as T;
    } catch {
      return undefined;
    }
  }

  private write(name: string, text: string): void {
    writeFileAtomic(join(this.dir, name), text);
  }
}
