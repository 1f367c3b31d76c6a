// Applies an image's layers in order onto a directory, as a container engine does before it runs the image: files,
// directories, symlinks, hard links and FIFOs with their modes and owners (and times, when the layer reader passes
// them on); whiteouts and opaque directories remove what lower layers left. OCI image-spec layer.md: https://github.com/opencontainers/image-spec/blob/main/layer.md
// Every write goes through resolveInRoot, so a symlink an image holds never redirects a write outside the root.

import { execFileSync } from 'node:child_process';
import {
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  futimesSync,
  lchownSync,
  linkSync,
  lstatSync,
  lutimesSync,
  mkdirSync,
  openSync,
  readdirSync,
  rmSync,
  chmodSync,
  symlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { resolve } from 'node:path';
import { InputError, messageOf } from '../../errors.js';
import {
  DEFAULT_LIMITS,
  LimitTracker,
  type PathEntry,
  type ReadLimits,
} from '../../source/entry.js';
import type { ImageSource } from '../../source/source.js';
import { baseName, parentOf } from '../../source/paths.js';
import { tarEntries } from '../../source/tar-entries.js';
import { resolveInRoot, SymlinkLoopError } from './root-path.js';

export interface UnpackOptions {
  limits?: ReadLimits;
  warn?: (message: string) => void;
}

export interface UnpackSummary {
  layers: number;
  /** Device files the layers held, never created (the runtime provides /dev). */
  deviceFiles: number;
}

/** Writes every layer of `source` into `root` (an existing, empty directory), lowest layer first. */
export async function unpackLayers(
  source: ImageSource,
  root: string,
  options: UnpackOptions = {},
): Promise<UnpackSummary> {
  const warn = options.warn ?? (() => {});
  root = resolve(root);
  const tracker = new LimitTracker(options.limits ?? DEFAULT_LIMITS);
  const directoryTimes = new Map<string, number | Date>();
  let deviceFiles = 0;
  for (const layer of source.layers) {
    const subject = `${source.target.input}: layer ${layer.ref.index + 1} (${layer.ref.diffId})`;
    const writer = new LayerWriter(root, subject, warn, directoryTimes);
    let digest: string | undefined;
    const entries = tarEntries(await layer.open(), {
      subject,
      tracker,
      warn,
      onDeviceFile: () => deviceFiles++,
      onDigest: (d) => (digest = d),
    });
    for await (const entry of entries) {
      try {
        if (entry.kind === 'path') await writer.write(entry);
        else writer.remove(entry.path, entry.kind === 'opaque');
      } catch (err) {
        // A symlink loop is the image's problem with that one path, as it would be for the kernel (ELOOP).
        if (!(err instanceof SymlinkLoopError)) throw err;
        warn(`${subject}: skipped ${entry.path}: ${err.message}`);
      }
    }
    if (digest && layer.ref.diffId.startsWith('sha256:') && digest !== layer.ref.diffId)
      throw new InputError(subject, `layer content does not match its diff-id (got ${digest})`);
  }
  if (deviceFiles > 0)
    warn(
      `${source.target.input}: skipped ${deviceFiles} device file(s); /dev comes from the runtime`,
    );
  // Last, because creating a directory's children changed its time.
  for (const [dir, time] of [...directoryTimes].reverse()) {
    try {
      lutimesSync(dir, time, time);
    } catch {
      // A later layer removed it.
    }
  }
  return { layers: source.layers.length, deviceFiles };
}

/** Writes the entries of one layer, remembering what it wrote so its whiteouts hide only lower layers' files. */
class LayerWriter {
  private readonly written = new Set<string>();
  /** Directories above something this layer wrote: a whiteout or opaque marker looks inside them. */
  private readonly above = new Set<string>();

  constructor(
    private readonly root: string,
    private readonly subject: string,
    private readonly warn: (message: string) => void,
    private readonly directoryTimes: Map<string, number | Date>,
  ) {}

  /** A whiteout removes the path from the layers below; an opaque marker empties the directory of them. */
  remove(path: string, opaque: boolean): void {
    const host = resolveInRoot(this.root, path, { followFinal: opaque });
    this.assertInside(host, path);
    if (opaque) {
      for (const name of childrenOf(host)) this.removeLower(`${host}/${name}`);
    } else if (host !== this.root) {
      this.removeLower(host);
    }
  }

  private removeLower(host: string): void {
    if (this.written.has(host) && !isDirectory(host)) return;
    if (this.written.has(host) || this.above.has(host)) {
      for (const name of childrenOf(host)) this.removeLower(`${host}/${name}`);
      return;
    }
    rmSync(host, { recursive: true, force: true });
  }

  async write(entry: PathEntry): Promise<void> {
    const parent = resolveInRoot(this.root, parentOf(entry.path), { followFinal: true });
    const host = `${parent}/${baseName(entry.path)}`;
    this.assertInside(host, entry.path);
    try {
      mkdirSync(parent, { recursive: true, mode: 0o755 });
    } catch (err) {
      this.warn(
        `${this.subject}: skipped ${entry.path}: cannot create its directory (${messageOf(err)})`,
      );
      return;
    }
    const existing = lstatOrUndefined(host);
    if (existing && !(existing.isDirectory() && entry.type === 'dir'))
      rmSync(host, { recursive: true, force: true });
    switch (entry.type) {
      case 'dir':
        if (!existing?.isDirectory()) mkdirSync(host, { mode: 0o700 });
        lchownSync(host, entry.uid, entry.gid);
        chmodSync(host, entry.mode);
        if (entry.mtime !== undefined) this.directoryTimes.set(host, entry.mtime);
        break;
      case 'file':
        this.writeFile(host, entry, await entry.read());
        break;
      case 'symlink':
        symlinkSync(entry.linkTarget ?? '', host);
        lchownSync(host, entry.uid, entry.gid);
        if (entry.mtime !== undefined) lutimesSync(host, entry.mtime, entry.mtime);
        break;
      case 'hardlink':
        if (!this.writeHardlink(host, entry)) return;
        break;
      case 'fifo':
        execFileSync('mkfifo', ['-m', (entry.mode & 0o777).toString(8), host]);
        lchownSync(host, entry.uid, entry.gid);
        chmodSync(host, entry.mode);
        break;
      default:
        return;
    }
    this.written.add(host);
    for (
      let dir = host.slice(0, host.lastIndexOf('/'));
      dir.length > this.root.length;
      dir = dir.slice(0, dir.lastIndexOf('/'))
    )
      this.above.add(dir);
  }

  private writeFile(host: string, entry: PathEntry, content: Buffer): void {
    const fd = openSync(
      host,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      0o600,
    );
    try {
      let offset = 0;
      while (offset < content.length) offset += writeSync(fd, content, offset);
      fchownSync(fd, entry.uid, entry.gid);
      // After chown, which clears the set-id bits.
      fchmodSync(fd, entry.mode);
      if (entry.mtime !== undefined) futimesSync(fd, entry.mtime, entry.mtime);
    } finally {
      closeSync(fd);
    }
  }

  /** A hard link to a path already in the root, itself resolved inside the root; false when it cannot be made. */
  private writeHardlink(host: string, entry: PathEntry): boolean {
    const target = resolveInRoot(this.root, entry.linkTarget ?? '', { followFinal: false });
    this.assertInside(target, entry.linkTarget ?? '');
    const st = lstatOrUndefined(target);
    if (!st || st.isDirectory()) {
      this.warn(
        `${this.subject}: skipped hard link ${entry.path}: ${entry.linkTarget} is ${st ? 'a directory' : 'missing'}`,
      );
      return false;
    }
    linkSync(target, host);
    return true;
  }

  private assertInside(host: string, path: string): void {
    if (host !== this.root && !host.startsWith(`${this.root}/`))
      throw new InputError(this.subject, `${path} resolves outside the image root`);
  }
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function isDirectory(path: string): boolean {
  return lstatOrUndefined(path)?.isDirectory() ?? false;
}

function childrenOf(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
