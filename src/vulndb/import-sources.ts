// `seawall db import SOURCE...`: local files and directories, or URLs downloaded first, each imported into the
// database in its own transaction (importing the same source again replaces what it brought before).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { VulnDatabase } from './database.js';
import { closeFeedConnections, downloadName, fetchFeed } from './fetch-feed.js';
import type { FeedKind } from './import/detect-feed.js';
import { importPath } from './import/import-path.js';

export interface ImportOptions {
  /** Refuse URLs instead of fetching them. */
  offline?: boolean;
  /** Skip detection: every source is this kind. */
  kind?: FeedKind;
  now?: Date;
  onWarning?: (message: string) => void;
}

export interface ImportedSource {
  location: string;
  kind: FeedKind;
  records: number;
}

export function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

export async function importSources(
  dbPath: string,
  sources: readonly string[],
  options: ImportOptions = {},
): Promise<ImportedSource[]> {
  if (options.offline) {
    const url = sources.find(isUrl);
    if (url) throw new InputError(url, 'a URL cannot be imported with --offline');
  }
  const db = VulnDatabase.open(dbPath, { create: true });
  const scratch = mkdtempSync(join(tmpdir(), 'seawall-import-'));
  try {
    const imported: ImportedSource[] = [];
    for (const source of sources) {
      let path = source;
      let sha256: string | undefined;
      if (isUrl(source)) {
        const fetched = await fetchFeed(
          source,
          join(scratch, downloadName(source, imported.length)),
        );
        if (!fetched.changed) throw new InputError(source, 'the server sent no content');
        path = fetched.file;
        sha256 = fetched.sha256;
      }
      const location = isUrl(source) ? source : resolve(source);
      let kind: FeedKind = options.kind ?? 'osv';
      const records = await db.replaceSource(
        location,
        { kind: options.kind ?? 'detecting', sha256 },
        async (sink) => {
          const result = await importPath(path, sink, options.kind);
          kind = result.kind;
          return result.records;
        },
        options.now,
        options.onWarning,
      );
      db.setSourceKind(location, kind);
      imported.push({ location, kind, records });
    }
    return imported;
  } finally {
    db.close();
    rmSync(scratch, { recursive: true, force: true });
    await closeFeedConnections();
  }
}
