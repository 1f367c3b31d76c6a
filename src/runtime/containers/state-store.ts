// Where Seawall keeps its containers: `$SEAWALL_STATE_DIR` (else /var/lib/seawall)/containers/<name>/ holds the
// bundle (config.json, the root's mount point and writable layer), logs and state.json, the record read back here.
// The bundle layout is the runtime spec's: https://github.com/opencontainers/runtime-spec/blob/v1.0.2/bundle.md

import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../../errors.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import type { ContainerNetwork } from '../network/container-network.js';
import { CONTAINER_NAME } from '../network/names.js';
import type { PortMapping } from '../network/publish.js';

export const DEFAULT_STATE_DIR = '/var/lib/seawall';

/** The options a container was started with, as given (after validation). */
export interface ContainerOptions {
  detach: boolean;
  rm: boolean;
  readOnly: boolean;
  user?: string;
  workdir?: string;
  env: string[];
  capAdd: string[];
  capDrop: string[];
  seccomp?: string;
}

/** state.json: what Seawall knows of a container beyond what `runc state` says. */
export interface ContainerRecord {
  name: string;
  /** The target as the user gave it. */
  target: string;
  image: {
    /** The manifest digest (or the image id when there is none); for a directory, a digest of its listing. */
    baseDigest: string;
    configDigest?: string;
    /** The read-only root the container's own layer lies on. */
    root: string;
  };
  command: string[];
  /** ISO time the container was created. */
  created: string;
  network: ContainerNetwork;
  publish: PortMapping[];
  /** The detached publisher process forwarding the published ports. */
  publisherPid?: number;
  /** How the container's root was made: an overlay mount, or a copy where overlayfs is unavailable. */
  rootfs: { kind: 'overlay' | 'copy'; path: string };
  /** runc's cgroups path of the container. */
  cgroupsPath: string;
  options: ContainerOptions;
  /** The container's init process on the host, once started. */
  pid?: number;
  /** How a foreground container ended (a detached one's exit status is not kept by runc). */
  exit?: { code: number; finished: string };
}

/** The state directory: SEAWALL_STATE_DIR when set, else /var/lib/seawall. */
export function stateDirectory(): string {
  return resolve(process.env.SEAWALL_STATE_DIR || DEFAULT_STATE_DIR);
}

export function containersDirectory(stateDir: string): string {
  return join(stateDir, 'containers');
}

export function containerDirectory(stateDir: string, name: string): string {
  return join(containersDirectory(stateDir), name);
}

/** Throws an InputError unless `name` is a valid container name. */
export function validateContainerName(name: string, subject = `--name ${name}`): string {
  if (!CONTAINER_NAME.test(name))
    throw new InputError(
      subject,
      'a container name is 1 to 63 letters, digits, "_", "." or "-", starting with a letter or digit',
    );
  return name;
}

/** A fresh name for a container the user did not name. */
export function generateContainerName(): string {
  return `seawall-${randomBytes(5).toString('hex')}`;
}

/** Creates the container's directory; a name already taken is an InputError (exit 2). */
export function reserveContainerDirectory(stateDir: string, name: string): string {
  mkdirSync(containersDirectory(stateDir), { recursive: true, mode: 0o700 });
  const dir = containerDirectory(stateDir, name);
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST')
      throw new InputError(name, 'a container of that name already exists (seawall rm it first)');
    throw err;
  }
  return dir;
}

export function writeContainerRecord(stateDir: string, record: ContainerRecord): void {
  writeFileAtomic(
    join(containerDirectory(stateDir, record.name), 'state.json'),
    `${JSON.stringify(record, null, 2)}\n`,
  );
}

/** The record of a container, or undefined when there is none (or it is unreadable: a start that died early). */
export function readContainerRecord(stateDir: string, name: string): ContainerRecord | undefined {
  try {
    const record = JSON.parse(
      readFileSync(join(containerDirectory(stateDir, name), 'state.json'), 'utf8'),
    ) as ContainerRecord;
    return record.name === name ? record : undefined;
  } catch {
    return undefined;
  }
}

/** The names of every container directory, sorted. */
export function containerNames(stateDir: string): string[] {
  try {
    return readdirSync(containersDirectory(stateDir))
      .filter((n) => CONTAINER_NAME.test(n))
      .sort();
  } catch {
    return [];
  }
}
