// `seawall rm NAME [-f]`: deletes runc's container, stops the port publisher, removes the network, unmounts the root
// and removes the container's directory. A running container needs -f (killed first), as `docker rm`.
// runc delete: https://github.com/opencontainers/runc/blob/v1.1.5/man/runc-delete.8.md

import { existsSync } from 'node:fs';
import { InputError } from '../../errors.js';
import { checkRuntimeRequirements, runcDelete, runcState } from '../runc.js';
import { releaseContainerResources, removeContainerDirectory } from './container-resources.js';
import { killAndWait } from './stop-container.js';
import {
  containerDirectory,
  readContainerRecord,
  stateDirectory,
  validateContainerName,
} from './state-store.js';

export interface RemoveOptions {
  /** Kill a running container first. */
  force?: boolean;
  stateDir?: string;
}

const LIVE = new Set(['created', 'running', 'paused']);

export async function removeContainer(name: string, options: RemoveOptions = {}): Promise<void> {
  checkRuntimeRequirements('seawall rm');
  const stateDir = options.stateDir ?? stateDirectory();
  validateContainerName(name, name);
  const record = readContainerRecord(stateDir, name);
  if (!record && !existsSync(containerDirectory(stateDir, name)))
    throw new InputError(name, 'no such container');
  const state = await runcState(name);
  if (state && LIVE.has(state.status)) {
    if (!options.force)
      throw new InputError(name, `the container is ${state.status}: stop it first, or use rm -f`);
    await killAndWait(name, 0);
  }
  if (state) await runcDelete(name, true);
  await releaseContainerResources(stateDir, name, record);
  await removeContainerDirectory(stateDir, name);
}
