// Runs one short-lived container under real runc on a throw-away overlay of a root filesystem, to prove a seccomp
// profile (tests, scripts/derive-runc-startup-syscalls.mjs). Bundle format: https://github.com/opencontainers/runtime-spec/blob/main/bundle.md

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { SeccompProfile } from './seccomp.js';

export interface RuncTrialOptions {
  args: string[];
  seccomp?: SeccompProfile;
  /** runc loads the filter just before execve when true, and before it changes user and capabilities when false. */
  noNewPrivileges?: boolean;
  user?: { uid: number; gid: number; additionalGids?: number[] };
  /** Seconds before the container is killed and the trial counted as failed. */
  timeoutSeconds?: number;
}

export interface RuncTrialResult {
  /** runc run's exit status: the container's, or 128 + the signal that killed it; -1 on time-out. */
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * A bundle whose root is an overlay over `lowerRoot` (never written: changes land in a temporary upper directory).
 * Containers are kept in a private runc state directory, so closing the sandbox removes every one it started.
 */
export class RuncSandbox {
  private count = 0;
  private readonly state: string;
  readonly rootfs: string;
  private readonly baseConfig: Record<string, unknown>;

  private constructor(
    private readonly dir: string,
    lowerRoot: string,
  ) {
    this.state = join(dir, 'state');
    this.rootfs = join(dir, 'rootfs');
    for (const d of ['upper', 'work', 'rootfs', 'state']) mkdirSync(join(dir, d));
    run('mount', [
      '-t',
      'overlay',
      'overlay',
      '-o',
      `lowerdir=${lowerRoot},upperdir=${join(dir, 'upper')},workdir=${join(dir, 'work')}`,
      this.rootfs,
    ]);
    run('runc', ['spec', '--bundle', dir]);
    this.baseConfig = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<
      string,
      unknown
    >;
  }

  static open(lowerRoot: string): RuncSandbox {
    const dir = mkdtempSync(join(tmpdir(), 'seawall-runc-trial-'));
    try {
      return new RuncSandbox(dir, lowerRoot);
    } catch (err) {
      spawnSync('umount', [join(dir, 'rootfs')]);
      rmSync(dir, { recursive: true, force: true });
      throw err;
    }
  }

  /** Puts an executable into the container's root (the overlay's upper layer). */
  addExecutable(path: string, content: Buffer): void {
    const target = join(this.rootfs, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    chmodSync(target, 0o755);
  }

  run(options: RuncTrialOptions): RuncTrialResult {
    const id = `seawall-trial-${process.pid}-${++this.count}`;
    const config = structuredClone(this.baseConfig) as {
      process: Record<string, unknown>;
      linux: Record<string, unknown>;
    };
    config.process.terminal = false;
    config.process.args = options.args;
    config.process.noNewPrivileges = options.noNewPrivileges ?? true;
    if (options.user) config.process.user = options.user;
    if (options.seccomp) config.linux.seccomp = options.seccomp;
    writeFileSync(join(this.dir, 'config.json'), JSON.stringify(config, null, 2));
    const result = spawnSync('runc', ['--root', this.state, 'run', '--bundle', this.dir, id], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: (options.timeoutSeconds ?? 20) * 1000,
      killSignal: 'SIGKILL',
    });
    spawnSync('runc', ['--root', this.state, 'delete', '--force', id], { stdio: 'ignore' });
    return {
      status: result.error || result.status === null ? -1 : result.status,
      stdout: result.stdout ?? '',
      stderr: result.stderr ?? '',
    };
  }

  close(): void {
    const listed = spawnSync('runc', ['--root', this.state, 'list', '--quiet'], {
      encoding: 'utf8',
    });
    for (const id of (listed.stdout ?? '').split('\n').filter(Boolean)) {
      spawnSync('runc', ['--root', this.state, 'delete', '--force', id], { stdio: 'ignore' });
    }
    // Never remove files through a root that is still mounted: that would only whiteout them, but stay safe.
    if (
      spawnSync('umount', [this.rootfs]).status !== 0 &&
      spawnSync('umount', ['-l', this.rootfs]).status !== 0
    )
      throw new Error(`cannot unmount ${this.rootfs}`);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')}: ${result.error?.message ?? result.stderr.trim()}`,
    );
  }
}
