// `seawall db import|update|status`: build, refresh and inspect the vulnerability database.

import { existsSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { defaultCacheDir } from '../../cache/layer-cache.js';
import { writeOutput, endProgress, progressReporter } from '../output.js';
import type { CommandRun } from '../errors.js';
import { FEED_KINDS } from '../../vulndb/feed-kinds.js';

interface DbFlags {
  db?: string;
  cacheDir?: string;
  offline?: boolean;
  quiet?: boolean;
  debug?: boolean;
}

function commonOptions(cmd: Command): Command {
  return cmd
    .option('--db <file>', 'the database file (default: ~/.cache/seawall/vulndb/seawall.db)')
    .option('--cache-dir <dir>', 'cache directory holding the default database')
    .option('--offline', 'never touch the network')
    .option('-q, --quiet', 'no progress or warnings on stderr')
    .option('--debug', 'print stack traces of errors');
}

function warner(flags: DbFlags): ((m: string) => void) | undefined {
  return flags.quiet ? undefined : (m) => process.stderr.write(`seawall: warning: ${m}\n`);
}

async function dbPathOf(flags: DbFlags): Promise<{ path: string; isDefault: boolean }> {
  if (flags.db) return { path: flags.db, isDefault: false };
  const { defaultDbPath } = await import('../../vulndb/bundled.js');
  return { path: defaultDbPath(flags.cacheDir ?? defaultCacheDir()), isDefault: true };
}

export function registerDb(program: Command, _run: CommandRun): void {
  const db = program
    .command('db')
    .description('build, update and inspect the vulnerability database');

  commonOptions(
    db
      .command('import')
      .description(
        'import advisory feeds: OSV files, directories or all.zip dumps, Debian tracker JSON or lists, Alpine secdb, NVD, EPSS, KEV',
      )
      .argument('<source...>', 'files, directories or http(s) URLs')
      .addOption(
        new Option('--kind <kind>', 'the feed format (detected when absent)').choices([
          ...FEED_KINDS,
        ]),
      ),
  ).action(async (sources: string[], flags: DbFlags & { kind?: string }) => {
    const { path, isDefault } = await dbPathOf(flags);
    // The default database always starts from the bundled set; a user's own file starts empty.
    if (isDefault && !existsSync(path)) {
      const { buildBundledDatabase } = await import('../../vulndb/bundled.js');
      await buildBundledDatabase(path, warner(flags));
    }
    const { importSources } = await import('../../vulndb/import-sources.js');
    const imported = await importSources(path, sources, {
      offline: flags.offline,
      kind: flags.kind as never,
      onWarning: warner(flags),
    });
    const lines = imported.map(
      (s) => `imported ${s.records} records (${s.kind}) from ${s.location}`,
    );
    if (!flags.quiet) process.stderr.write(`${lines.join('\n')}\n`);
  });

  commonOptions(
    db
      .command('update')
      .description('fetch the configured feeds and swap in the new database atomically')
      .option(
        '--sources <file>',
        'YAML list of feeds (default: the public OSV, Debian, KEV and EPSS feeds)',
      ),
  ).action(async (flags: DbFlags & { sources?: string }) => {
    const { path } = await dbPathOf(flags);
    const { DEFAULT_FEED_SOURCES, loadSourcesConfig } =
      await import('../../vulndb/sources-config.js');
    const sources = flags.sources ? loadSourcesConfig(flags.sources) : [...DEFAULT_FEED_SOURCES];
    const { updateDatabase } = await import('../../vulndb/update.js');
    const progress = progressReporter(!!flags.quiet);
    const results = await updateDatabase(path, sources, {
      offline: flags.offline,
      onWarning: warner(flags),
      onProgress: progress,
    });
    endProgress(progress);
    if (!flags.quiet)
      for (const r of results)
        process.stderr.write(
          `${r.outcome === 'updated' ? `updated (${r.records} records)` : 'unchanged'}: ${r.url}\n`,
        );
  });

  commonOptions(
    db
      .command('status')
      .description('where the database is, how old it is, its sources and counts')
      .addOption(
        new Option('-f, --format <format>', 'output format')
          .choices(['table', 'json'])
          .default('table'),
      )
      .option('-o, --output <file>', 'write to a file instead of stdout'),
  ).action(async (flags: DbFlags & { format: 'table' | 'json'; output?: string }) => {
    const { path } = await dbPathOf(flags);
    const { VulnDatabase } = await import('../../vulndb/database.js');
    const { renderDbStatus } = await import('../../vulndb/status-text.js');
    const handle = VulnDatabase.open(path, { readonly: true });
    try {
      const status = handle.status();
      writeOutput(
        flags.format === 'json' ? `${JSON.stringify(status, null, 2)}\n` : renderDbStatus(status),
        flags.output,
      );
    } finally {
      handle.close();
    }
  });
}
