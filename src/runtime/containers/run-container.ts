// `seawall run` as a library function: an image target becomes an OCI bundle (shared unpacked root + the container's
// own overlay layer, config.json) that runc runs in the foreground or detached. OCI runtime spec 1.0.2 bundles:
// https://github.com/opencontainers/runtime-spec/blob/v1.0.2/bundle.md

import { existsSync, mkdirSync, openSync, closeSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../errors.js';
import type { SourceOptions } from '../../source/source.js';
import { capabilitySet, parseCapability } from '../bundle/capabilities.js';
import { resolveContainerUser } from '../bundle/container-user.js';
import { prepareImageRoot } from '../bundle/image-root.js';
import { commandArgs, hostsFile, processEnv } from '../bundle/process-spec.js';
import { buildRuntimeConfig } from '../bundle/runtime-config.js';
import { hostSeccompContext, readSeccompProfile } from '../bundle/seccomp-profile.js';
import {
  createContainerNetwork,
  parseNetworkMode,
  type ContainerNetwork,
  type NetworkMode,
} from '../network/container-network.js';
import {
  parsePublish,
  spawnDetachedPublisher,
  startPublisher,
  type PortMapping,
} from '../network/publish.js';
import {
  checkRuntimeRequirements,
  handshakeHook,
  runcDelete,
  runcRun,
  runcState,
  type CreatedContainer,
} from '../runc.js';
import { mountContainerRoot } from './container-root.js';
import {
  releaseContainerResources,
  removeContainerDirectory,
  stopPublisher,
} from './container-resources.js';
import {
  generateContainerName,
  reserveContainerDirectory,
  stateDirectory,
  validateContainerName,
  writeContainerRecord,
  type ContainerRecord,
} from './state-store.js';

/** Annotations other tools read to tell which image a container runs (OCI image-spec annotations.md). */
export const ANNOTATION_REF_NAME = 'org.opencontainers.image.ref.name';
export const ANNOTATION_BASE_DIGEST = 'org.opencontainers.image.base.digest';
export const ANNOTATION_CONFIG_DIGEST = 'io.seawall.image.config-digest';

export interface RunSpec {
  /** Any target openTarget reads: oci:, oci-archive:, docker-archive:, registry:, dir:, or a path. */
  target: string;
  name?: string;
  /** Replaces the image's entrypoint and cmd. */
  command?: string[];
  detach?: boolean;
  /** Remove the container (directory, mount, network) when it exits; foreground only. */
  rm?: boolean;
  /** `user`, `uid`, `user:group` or `uid:gid`, resolved in the image's /etc/passwd and /etc/group. */
  user?: string;
  workdir?: string;
  /** KEY=VALUE, or KEY for this process's value. */
  env?: string[];
  /** Capability names (NET_ADMIN, CAP_NET_ADMIN) or ALL. */
  capAdd?: string[];
  capDrop?: string[];
  readOnly?: boolean;
  /** A Docker or OCI seccomp JSON profile, or `unconfined`; none means no filter. */
  seccomp?: string;
  /** Default private. */
  network?: NetworkMode;
  /** `HOSTPORT:PORT`, forwarded from 127.0.0.1; needs the private network. */
  publish?: string[];
  source?: SourceOptions;
  /** Default: stateDirectory(). */
  stateDir?: string;
  /** Foreground: collect the container's stdout and stderr instead of passing this process's stdio on. */
  capture?: boolean;
  warn?: (message: string) => void;
  onProgress?: (message: string) => void;
}

export interface RunHooks {
  /** Called once the container's namespaces and cgroup exist, before its process starts (which waits for it). */
  onCreated?: (state: CreatedContainer) => Promise<void>;
}

export interface RunResult {
  name: string;
  /** The container's directory (its OCI bundle: config.json, rootfs). */
  bundle: string;
  cgroupsPath: string;
  /** A foreground container's exit code (128+N when a signal N ended it). */
  exitCode?: number;
  /** The container's init process on the host (detached; foreground only with onCreated). */
  pid?: number;
  /** With capture. */
  stdout?: string;
  stderr?: string;
}

interface CheckedSpec {
  name: string;
  network: NetworkMode;
  publish: PortMapping[];
  capAdd: string[];
  capDrop: string[];
  capabilities: string[];
}

/** Everything that can be refused before anything is made: names, flags, files; runc and root present. */
function checkSpec(spec: RunSpec): CheckedSpec {
  checkRuntimeRequirements('seawall run');
  const name = validateContainerName(spec.name ?? generateContainerName());
  const network = parseNetworkMode(spec.network ?? 'private');
  const publish = (spec.publish ?? []).map(parsePublish);
  if (publish.length > 0 && network !== 'private')
    throw new InputError(`--publish`, `needs --network private (not ${network})`);
  if (spec.rm && spec.detach) throw new InputError('--rm', 'cannot be combined with --detach');
  if (spec.workdir !== undefined && !spec.workdir.startsWith('/'))
    throw new InputError(`--workdir ${spec.workdir}`, 'must be an absolute path');
  const capAdd = (spec.capAdd ?? []).map((c) => parseCapability(c, '--cap-add'));
  const capDrop = (spec.capDrop ?? []).map((c) => parseCapability(c, '--cap-drop'));
  return { name, network, publish, capAdd, capDrop, capabilities: capabilitySet(capAdd, capDrop) };
}

/** Prepares the bundle and runs it with runc; see RunSpec. A container runc cannot start throws ContainerStartError. */
export async function runContainer(spec: RunSpec, hooks: RunHooks = {}): Promise<RunResult> {
  const checked = checkSpec(spec);
  const { name } = checked;
  const warn = spec.warn ?? ((m: string) => process.stderr.write(`seawall: warning: ${m}\n`));
  const stateDir = spec.stateDir ?? stateDirectory();
  if (/[,:\\]/.test(stateDir))
    throw new InputError(
      stateDir,
      'a state directory path cannot hold ",", ":" or "\\" (overlay options)',
    );
  const seccomp = spec.seccomp
    ? readSeccompProfile(spec.seccomp, hostSeccompContext(checked.capabilities))
    : undefined;
  if (await runcState(name))
    throw new InputError(name, 'runc already has a container of that name');

  const image = await prepareImageRoot(spec.target, {
    stateDir,
    source: spec.source,
    warn,
    onProgress: spec.onProgress,
  });
  const args = commandArgs(spec.command, image.config, spec.target);
  const dir = reserveContainerDirectory(stateDir, name);
  let record: ContainerRecord | undefined;
  let network: ContainerNetwork | undefined;
  try {
    const root = await mountContainerRoot(image.dir, dir, warn);
    network = await createContainerNetwork(name, checked.network);
    const userSpec = spec.user ?? image.config?.user;
    const user = resolveContainerUser(
      root.path,
      userSpec,
      spec.user ? '--user' : `${spec.target}: User`,
    );
    const hostname = name.slice(0, 63);
    const etc = writeEtcFiles(dir, hostname, network);
    const cgroupsPath = `/seawall/${name}`;
    const hookDir = join(dir, 'hook');
    mkdirSync(hookDir);
    const annotations: Record<string, string> = {
      [ANNOTATION_REF_NAME]: spec.target,
      [ANNOTATION_BASE_DIGEST]: image.baseDigest,
    };
    if (image.configDigest) annotations[ANNOTATION_CONFIG_DIGEST] = image.configDigest;
    const config = buildRuntimeConfig({
      rootPath: root.path,
      readOnly: !!spec.readOnly,
      args,
      env: processEnv(image.config?.env, spec.env ?? [], hostname, user.home),
      cwd: spec.workdir ?? (image.config?.workingDir || '/'),
      user,
      hostname,
      capabilities: checked.capabilities,
      seccomp,
      networkNamespace: network.namespacePath,
      etcFiles: etc,
      cgroupsPath,
      annotations,
      hooks: hooks.onCreated ? { createRuntime: [handshakeHook(hookDir)] } : undefined,
    });
    writeFileSync(join(dir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
    record = {
      name,
      target: spec.target,
      image: { baseDigest: image.baseDigest, configDigest: image.configDigest, root: image.dir },
      command: args,
      created: new Date().toISOString(),
      network,
      publish: checked.publish,
      rootfs: { kind: root.kind, path: root.path },
      cgroupsPath,
      options: {
        detach: !!spec.detach,
        rm: !!spec.rm,
        readOnly: !!spec.readOnly,
        user: spec.user,
        workdir: spec.workdir,
        env: spec.env ?? [],
        capAdd: checked.capAdd,
        capDrop: checked.capDrop,
        seccomp: spec.seccomp,
      },
    };
    writeContainerRecord(stateDir, record);
    const handshake = hooks.onCreated ? { dir: hookDir, onCreated: hooks.onCreated } : undefined;
    if (spec.detach) return await runDetached(stateDir, dir, record, handshake);
    return await runForeground(stateDir, dir, record, handshake, spec);
  } catch (err) {
    // Nothing of a container that did not start (or whose detached start failed half-way) is kept.
    await runcDelete(name, true).catch(() => undefined);
    await releaseContainerResources(stateDir, name, record ?? { network }).catch(() => undefined);
    await removeContainerDirectory(stateDir, name).catch(() => undefined);
    throw err;
  }
}

async function runDetached(
  stateDir: string,
  dir: string,
  record: ContainerRecord,
  handshake: Parameters<typeof runcRun>[0]['handshake'],
): Promise<RunResult> {
  const out = openSync(join(dir, 'stdout.log'), 'a');
  const err = openSync(join(dir, 'stderr.log'), 'a');
  try {
    await runcRun({
      id: record.name,
      bundle: dir,
      detach: true,
      logFile: join(dir, 'runc.log'),
      stdio: ['ignore', out, err],
      handshake,
    });
  } finally {
    closeSync(out);
    closeSync(err);
  }
  const state = await runcState(record.name);
  record.pid = state?.pid;
  if (record.publish.length > 0 && record.network.address) {
    try {
      record.publisherPid = spawnDetachedPublisher(
        record.publish,
        record.network.address,
        join(dir, 'publisher.log'),
      );
    } catch (e) {
      writeContainerRecord(stateDir, record);
      throw e;
    }
  }
  writeContainerRecord(stateDir, record);
  return { name: record.name, bundle: dir, cgroupsPath: record.cgroupsPath, pid: record.pid };
}

async function runForeground(
  stateDir: string,
  dir: string,
  record: ContainerRecord,
  handshake: Parameters<typeof runcRun>[0]['handshake'],
  spec: RunSpec,
): Promise<RunResult> {
  const publishers: { close(): Promise<void> }[] = [];
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  let exitCode: number | undefined;
  try {
    for (const mapping of record.publish)
      publishers.push(await startPublisher(mapping, record.network.address!));
    exitCode = await runcRun({
      id: record.name,
      bundle: dir,
      detach: false,
      logFile: join(dir, 'runc.log'),
      stdio: spec.capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      handshake: handshake && {
        dir: handshake.dir,
        onCreated: async (state) => {
          record.pid = state.pid;
          writeContainerRecord(stateDir, record);
          await handshake.onCreated(state);
        },
      },
      onSpawn: (child) => {
        child.stdout?.on('data', (b: Buffer) => stdout.push(b));
        child.stderr?.on('data', (b: Buffer) => stderr.push(b));
      },
    });
  } finally {
    await Promise.all(publishers.map((p) => p.close().catch(() => undefined)));
    if (spec.rm) {
      await releaseContainerResources(stateDir, record.name, record).catch(() => undefined);
      await removeContainerDirectory(stateDir, record.name).catch(() => undefined);
    } else if (existsSync(dir)) {
      // Kept for `ps -a` and `rm`, but a container that is not running holds no mount or network.
      if (exitCode !== undefined)
        record.exit = { code: exitCode, finished: new Date().toISOString() };
      writeContainerRecord(stateDir, record);
      await stopPublisher(record.publisherPid);
      await releaseContainerResources(stateDir, record.name, record).catch(() => undefined);
    }
  }
  const result: RunResult = {
    name: record.name,
    bundle: dir,
    cgroupsPath: record.cgroupsPath,
    exitCode,
  };
  if (record.pid !== undefined) result.pid = record.pid;
  if (spec.capture) {
    result.stdout = Buffer.concat(stdout).toString('utf8');
    result.stderr = Buffer.concat(stderr).toString('utf8');
  }
  return result;
}

/** /etc/hostname, /etc/hosts, and the host's resolv.conf when the container has a network to use it on. */
function writeEtcFiles(
  dir: string,
  hostname: string,
  network: ContainerNetwork,
): { hosts: string; hostname: string; resolvConf?: string } {
  const etc = join(dir, 'etc');
  mkdirSync(etc);
  const files: { hosts: string; hostname: string; resolvConf?: string } = {
    hosts: join(etc, 'hosts'),
    hostname: join(etc, 'hostname'),
  };
  writeFileSync(files.hosts, hostsFile(hostname, network.address));
  writeFileSync(files.hostname, `${hostname}\n`);
  if (network.mode !== 'none') {
    try {
      files.resolvConf = join(etc, 'resolv.conf');
      writeFileSync(files.resolvConf, readFileSync('/etc/resolv.conf'));
    } catch {
      files.resolvConf = undefined;
    }
  }
  return files;
}
