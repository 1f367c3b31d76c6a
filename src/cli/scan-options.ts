// The options every command that reads a target shares (platform, registry access, cache, limits), and their parsing.

import { Option, type Command } from 'commander';
import { InputError } from '../errors.js';
import type { ScanOptions } from '../scan/build-inventory.js';

export function addTargetOptions(cmd: Command): Command {
  return cmd
    .option(
      '--platform <os/arch[/variant]>',
      'platform to pick from a multi-arch image',
      'linux/amd64',
    )
    .option('--image <ref>', 'image to read from a docker-archive holding several (repo:tag or id)')
    .option('--insecure-registry', 'allow plain HTTP and unverified TLS for registry targets')
    .option('--ca-cert <file>', 'PEM certificates to trust for registry TLS')
    .option('--cache-dir <dir>', 'layer cache directory (default ~/.cache/seawall)')
    .option('--no-cache', 'neither read nor write the layer and result caches')
    .addOption(
      new Option('--max-image-bytes <n>', 'most uncompressed bytes an image may hold').argParser(
        positiveInt('--max-image-bytes'),
      ),
    )
    .addOption(
      new Option('--max-entries <n>', 'most entries an image may hold').argParser(
        positiveInt('--max-entries'),
      ),
    )
    .addOption(
      new Option('--max-file-bytes <n>', 'largest file an analyzer reads').argParser(
        positiveInt('--max-file-bytes'),
      ),
    )
    .addOption(
      new Option(
        '--max-archive-depth <n>',
        'deepest archive inside archives opened (Java; default 4)',
      ).argParser(positiveInt('--max-archive-depth')),
    )
    .addOption(
      new Option(
        '--max-nested-archive-bytes <n>',
        'largest archive inside an archive opened (default 256 MiB)',
      ).argParser(positiveInt('--max-nested-archive-bytes')),
    )
    .option('-q, --quiet', 'no progress or warnings on stderr')
    .option('--debug', 'print stack traces of errors');
}

export interface TargetFlags {
  platform?: string;
  image?: string;
  insecureRegistry?: boolean;
  caCert?: string;
  cacheDir?: string;
  cache: boolean;
  maxImageBytes?: number;
  maxEntries?: number;
  maxFileBytes?: number;
  maxArchiveDepth?: number;
  maxNestedArchiveBytes?: number;
  quiet?: boolean;
  debug?: boolean;
}

export function scanOptionsFrom(flags: TargetFlags): ScanOptions {
  const limits: ScanOptions['limits'] = {};
  if (flags.maxImageBytes) limits.maxImageBytes = flags.maxImageBytes;
  if (flags.maxEntries) limits.maxEntries = flags.maxEntries;
  if (flags.maxFileBytes) limits.maxFileBytes = flags.maxFileBytes;
  const archiveLimits: ScanOptions['archiveLimits'] = {};
  if (flags.maxArchiveDepth) archiveLimits.maxDepth = flags.maxArchiveDepth;
  if (flags.maxNestedArchiveBytes) archiveLimits.maxNestedBytes = flags.maxNestedArchiveBytes;
  return {
    platform: flags.platform,
    archiveLimits: Object.keys(archiveLimits).length > 0 ? archiveLimits : undefined,
    image: flags.image,
    insecureRegistry: flags.insecureRegistry,
    caCertFile: flags.caCert,
    cacheDir: flags.cacheDir,
    noCache: !flags.cache,
    limits,
    onWarning: flags.quiet ? undefined : (m) => process.stderr.write(`seawall: warning: ${m}\n`),
  };
}

function positiveInt(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n <= 0)
      throw new InputError(flag, `expects a positive whole number, got ${JSON.stringify(value)}`);
    return n;
  };
}
