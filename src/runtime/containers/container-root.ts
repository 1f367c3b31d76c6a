// A container's own writable root: an overlay mount of the shared read-only image root (lowerdir) with the container's
// upper and work directories, or a copy where overlayfs cannot be mounted. https://docs.kernel.org/filesystems/overlayfs.html

import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { messageOf } from '../../errors.js';

export interface ContainerRoot {
  kind: 'overlay' | 'copy';
  /** The directory runc uses as root.path. */
  path: string;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { encoding: 'utf8' }, (err, _stdout, stderr) => {
      if (err)
        reject(new Error(`${command} ${args.join(' ')}: ${stderr.trim() || messageOf(err)}`));
      else resolve();
    });
  });
}

/**
 * Mounts `lower` under `dir` (`rootfs`, with `upper` and `work` beside it) and returns the root. The lower directory
 * is named through a symlink in `dir`, so a path holding ',' or ':' cannot break the mount options.
 */
export async function mountContainerRoot(
  lower: string,
  dir: string,
  warn: (message: string) => void,
): Promise<ContainerRoot> {
  const rootfs = join(dir, 'rootfs');
  const upper = join(dir, 'upper');
  const work = join(dir, 'work');
  for (const d of [rootfs, upper, work]) mkdirSync(d, { mode: 0o755 });
  const link = join(dir, 'lower');
  symlinkSync(lower, link);
  try {
    await run('mount', [
      '-t',
      'overlay',
      'overlay',
      '-o',
      `lowerdir=${link},upperdir=${upper},workdir=${work}`,
      rootfs,
    ]);
    return { kind: 'overlay', path: rootfs };
  } catch (err) {
    // Overlay over overlay (a state directory inside a container) or a kernel without it: a private copy instead.
    warn(`overlayfs unavailable (${messageOf(err)}); copying the image root instead`);
    await run('cp', ['-a', '--reflink=auto', `${lower}/.`, `${rootfs}/`]);
    return { kind: 'copy', path: rootfs };
  }
}

/** Whether something is mounted exactly at `path` (from /proc/self/mountinfo). */
export function isMountPoint(path: string): boolean {
  let text: string;
  try {
    text = readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return false;
  }
  for (const line of text.split('\n')) {
    const mountPoint = line.split(' ')[4];
    if (mountPoint !== undefined && unescapeMountPath(mountPoint) === path) return true;
  }
  return false;
}

/** mountinfo escapes space, tab, newline and backslash as octal. */
function unescapeMountPath(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_m, oct: string) =>
    String.fromCharCode(Number.parseInt(oct, 8)),
  );
}

/** Unmounts the container's root if it is mounted (lazily when it is still busy); throws if it stays mounted. */
export async function unmountContainerRoot(rootfs: string): Promise<void> {
  if (!isMountPoint(rootfs)) return;
  try {
    await run('umount', [rootfs]);
  } catch {
    await run('umount', ['-l', rootfs]);
  }
  if (isMountPoint(rootfs)) throw new Error(`${rootfs} is still mounted`);
}
