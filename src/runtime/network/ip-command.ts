// Runs iproute2's `ip` with an argument list (never a shell string), for the container network's namespaces and links.
// Command reference: ip(8), ip-netns(8), ip-link(8), https://man7.org/linux/man-pages/man8/ip.8.html

import { execFile } from 'node:child_process';
import { InputError } from '../../errors.js';

/** `ip` failed: its arguments and what it said on stderr, so callers can tell "does not exist" from real failures. */
export class IpCommandError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
  ) {
    super(`ip ${args.join(' ')}: ${stderr.trim() || 'failed'}`);
    this.name = 'IpCommandError';
  }
}

/** Runs `ip ARGS` and returns its standard output. */
export function runIp(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('ip', args, { timeout: 15_000, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (!err) return resolve(stdout);
      if ((err as NodeJS.ErrnoException).code === 'ENOENT')
        return reject(new InputError('ip', 'not found: install iproute2'));
      reject(new IpCommandError(args, stderr || err.message));
    });
  });
}

/** Runs `ip -j ARGS` and returns the parsed JSON (an empty output is an empty list). */
export async function runIpJson(args: readonly string[]): Promise<unknown> {
  const out = await runIp(['-j', ...args]);
  return out.trim() === '' ? [] : (JSON.parse(out) as unknown);
}

/** Whether `ip` failed because the device or namespace it was asked about does not exist. */
export function isMissingObject(err: unknown): boolean {
  return (
    err instanceof IpCommandError &&
    /does not exist|Cannot find device|No such file or directory|not found/i.test(err.stderr)
  );
}
