// Turns a user's target string into a Source: `oci:DIR[:TAG|@DIGEST]`, `oci-archive:FILE[:TAG]`,
// `docker-archive:FILE`, `dir:DIR`, `registry:REF`, or a bare path whose kind is detected from its contents.

import { existsSync, realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import { openDockerArchive } from './docker-archive.js';
import { archiveFiles, directoryFiles } from './layout-files.js';
import { parsePlatform } from './oci-manifest.js';
import { openOciLayout, type ImageSelector } from './oci-layout.js';
import type { Source, SourceOptions } from './source.js';
import { describeOpenError } from './regular-file.js';
import { TarIndex } from './tar-index.js';

export const TARGET_KINDS = ['oci', 'oci-archive', 'docker-archive', 'dir', 'registry'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export interface ParsedTarget {
  kind: TargetKind | 'auto';
  /** The path or reference, without the selector. */
  location: string;
  selector: ImageSelector;
}

/** Splits `KIND:LOCATION[:TAG|@DIGEST]`; an unknown prefix or none means an auto-detected path. */
export function parseTarget(target: string): ParsedTarget {
  const colon = target.indexOf(':');
  const prefix = colon > 0 ? target.slice(0, colon) : '';
  if (!(TARGET_KINDS as readonly string[]).includes(prefix))
    return { kind: 'auto', location: target, selector: {} };
  const kind = prefix as TargetKind;
  const rest = target.slice(colon + 1);
  if (rest === '') throw new InputError(target, `${kind}: needs a location`);
  if (kind === 'registry' || kind === 'dir' || kind === 'docker-archive')
    return { kind, location: rest, selector: {} };
  return { kind, ...splitSelector(rest) };
}

/** `DIR@sha256:...` or `DIR:TAG` (a tag never contains '/', so `a:b/c` stays a path). */
function splitSelector(rest: string): { location: string; selector: ImageSelector } {
  const at = rest.lastIndexOf('@');
  if (at > 0 && /^sha(256|512):[a-f0-9]+$/.test(rest.slice(at + 1))) {
    return { location: rest.slice(0, at), selector: { digest: rest.slice(at + 1) } };
  }
  const colon = rest.lastIndexOf(':');
  if (colon > 0 && !rest.slice(colon + 1).includes('/') && !existsSync(rest)) {
    return { location: rest.slice(0, colon), selector: { tag: rest.slice(colon + 1) } };
  }
  return { location: rest, selector: {} };
}

export async function openTarget(target: string, options: SourceOptions = {}): Promise<Source> {
  const parsed = parseTarget(target);
  const platform = options.platform ? parsePlatform(options.platform) : undefined;
  const kind = parsed.kind === 'auto' ? detectKind(parsed.location, target) : parsed.kind;
  const location = kind === 'registry' ? parsed.location : resolve(parsed.location);
  switch (kind) {
    case 'registry': {
      const { openRegistrySource } = await import('./registry/index.js');
      return openRegistrySource(location, options);
    }
    case 'dir':
      return rootfsSource(requireKind(location, 'dir', target), target);
    case 'oci':
      return openOciLayout(
        directoryFiles(requireKind(location, 'dir', target)),
        parsed.selector,
        platform,
        target,
      );
    case 'oci-archive':
      return openOciLayout(
        archiveFiles(TarIndex.open(requireKind(location, 'file', target))),
        parsed.selector,
        platform,
        target,
      );
    case 'docker-archive':
      return openDockerArchive(
        TarIndex.open(requireKind(location, 'file', target)),
        options.image,
        target,
      );
  }
}

function rootfsSource(dir: string, input: string): Source {
  return {
    kind: 'rootfs',
    dir,
    target: { input, kind: 'rootfs', name: dir, layers: [] },
    close: async () => {},
  };
}

/** What the path is, following symlinks; anything but a directory or a regular file is refused here. */
function kindOfPath(path: string, target: string): 'dir' | 'file' | 'missing' {
  let st;
  try {
    st = statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    throw new InputError(target, `cannot read ${path} (${describeOpenError(err)})`);
  }
  if (st.isDirectory()) return 'dir';
  if (st.isFile()) return 'file';
  throw new InputError(target, `${path} is neither a directory nor a regular file`);
}

/** The real path of a directory or archive the target names, after checking it is one. */
function requireKind(path: string, want: 'dir' | 'file', target: string): string {
  const kind = kindOfPath(path, target);
  if (kind === 'missing')
    throw new InputError(target, `no such ${want === 'dir' ? 'directory' : 'file'}: ${path}`);
  if (want === 'dir' && kind !== 'dir') throw new InputError(target, `${path} is not a directory`);
  if (want === 'file' && kind !== 'file')
    throw new InputError(target, `${path} is a directory, expected an archive file`);
  // A symlinked root is read where it leads: the walk itself never follows links.
  return realpathSync(path);
}

/** A directory with an `oci-layout` file is an OCI layout, any other directory a root filesystem; a tar is told by its members. */
function detectKind(path: string, target: string): TargetKind {
  const kind = kindOfPath(path, target);
  if (kind === 'missing') {
    throw new InputError(
      target,
      'unknown target: not an existing path, and no known prefix (oci:, oci-archive:, docker-archive:, dir:, registry:)',
    );
  }
  if (kind === 'dir') return existsSync(resolve(path, 'oci-layout')) ? 'oci' : 'dir';
  const index = TarIndex.open(path);
  if (index.has('oci-layout')) return 'oci-archive';
  if (index.has('manifest.json')) return 'docker-archive';
  throw new InputError(
    path,
    'archive is neither an OCI archive (no oci-layout) nor a docker archive (no manifest.json)',
  );
}
