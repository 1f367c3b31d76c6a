// Opens what a running fleet server shares (ServerContext): the fleet store (SQLite file or PostgreSQL) and the
// vulnerability database, the same one `seawall scan` reads, kept current when `seawall db update` replaces it.

import { existsSync } from 'node:fs';
import { defaultCacheDir } from '../cache/layer-cache.js';
import { buildBundledDatabase, defaultDbPath } from '../vulndb/bundled.js';
import type { ServerContext } from './context.js';
import { VulnDbHolder } from './match/vulndb-holder.js';
import { openStore } from './store/open-store.js';
import type { StoreLocation } from './store/types.js';

export interface ServerContextOptions {
  store: StoreLocation;
  /** The vulnerability database file (it must exist); default: the scan command's, built on first use. */
  vulnDbPath?: string;
  /** Where the default vulnerability database lives (default ~/.cache/seawall). */
  cacheDir?: string;
  registryAllow?: string[];
  webhookUrl?: string;
  now?: () => Date;
  onWarning?: (message: string) => void;
  /**
   * Watch the vulnerability database file and call this once a replaced file is open (the server matches every
   * stored package again then).
   */
  onVulnDbReplaced?: (ctx: ServerContext) => void;
}

export type OpenServerContext = ServerContext & { close(): Promise<void> };

export async function createServerContext(
  options: ServerContextOptions,
): Promise<OpenServerContext> {
  let path = options.vulnDbPath;
  if (path === undefined) {
    path = defaultDbPath(options.cacheDir ?? defaultCacheDir());
    if (!existsSync(path)) {
      options.onWarning?.(`building the bundled vulnerability database at ${path} (once)`);
      await buildBundledDatabase(path, options.onWarning);
    }
  }
  const vulnDb = new VulnDbHolder(path);
  let store;
  try {
    store = await openStore(options.store);
  } catch (err) {
    vulnDb.close();
    throw err;
  }
  const ctx: OpenServerContext = {
    store,
    vulnDb: () => vulnDb.current(),
    registryAllow: options.registryAllow ?? [],
    now: options.now ?? (() => new Date()),
    close: async () => {
      vulnDb.close();
      await store.close();
    },
  };
  if (options.webhookUrl !== undefined) ctx.webhookUrl = options.webhookUrl;
  const onReplaced = options.onVulnDbReplaced;
  if (onReplaced) vulnDb.watch(() => onReplaced(ctx));
  return ctx;
}
