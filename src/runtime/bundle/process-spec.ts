// The container process's command line and environment from the image config and the user's options, and the small
// /etc files every container gets. Image config fields: https://github.com/opencontainers/image-spec/blob/main/config.md

import { InputError } from '../../errors.js';
import type { ImageConfigSummary } from '../../model/inventory.js';

/** Docker's PATH for an image that sets none. */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * The process's argv: a command given after `--` replaces the image's whole command (entrypoint and cmd), which is
 * what someone debugging an image means by it; otherwise entrypoint followed by cmd.
 */
export function commandArgs(
  command: readonly string[] | undefined,
  config: ImageConfigSummary | undefined,
  target: string,
): string[] {
  if (command && command.length > 0) return [...command];
  const args = [...(config?.entrypoint ?? []), ...(config?.cmd ?? [])];
  if (args.length === 0)
    throw new InputError(
      target,
      config
        ? 'the image has no entrypoint or cmd: give the command after --'
        : 'a directory has no image config: give the command after --',
    );
  return args;
}

/**
 * The environment as Docker builds it: PATH (when the image sets none) and HOSTNAME, the image's variables, the
 * user's `-e` (KEY=VALUE, or KEY to pass this process's value on), and HOME from /etc/passwd when still unset.
 */
export function processEnv(
  imageEnv: readonly string[] | undefined,
  userEnv: readonly string[],
  hostname: string,
  home: string,
): string[] {
  const vars = new Map<string, string>();
  const set = (entry: string) => {
    const eq = entry.indexOf('=');
    if (eq > 0) vars.set(entry.slice(0, eq), entry.slice(eq + 1));
  };
  if (!(imageEnv ?? []).some((e) => e.startsWith('PATH='))) vars.set('PATH', DEFAULT_PATH);
  vars.set('HOSTNAME', hostname);
  for (const e of imageEnv ?? []) set(e);
  for (const e of userEnv) {
    if (e.startsWith('=') || e === '')
      throw new InputError(`--env ${e}`, 'expected KEY=VALUE or KEY');
    if (e.includes('=')) set(e);
    else if (process.env[e] !== undefined) vars.set(e, process.env[e]!);
  }
  if (!vars.has('HOME')) vars.set('HOME', home);
  return [...vars].map(([k, v]) => `${k}=${v}`);
}

/** /etc/hosts for a container named `hostname` at `address` (127.0.1.1 when it has no address of its own). */
export function hostsFile(hostname: string, address: string | undefined): string {
  return [
    '127.0.0.1\tlocalhost',
    '::1\tlocalhost ip6-localhost ip6-loopback',
    `${address ?? '127.0.1.1'}\t${hostname}`,
    '',
  ].join('\n');
}
