// Reads a container configuration file of any kind Seawall audits, telling the kind from the content (not the name):
// docker/podman inspect JSON, OCI runtime config.json, Kubernetes manifests, Compose/stack files, LXC, Marathon.

import { readFile, stat } from 'node:fs/promises';
import { fileReadProblem, InputError } from '../errors.js';
import { readCompose } from './compose.js';
import { readDockerInspect } from './docker-inspect.js';
import { parseDocuments, type LocatedDocument } from './documents.js';
import { readKubernetes } from './kubernetes/read.js';
import { isLxcConfig, readLxc } from './lxc.js';
import { readMarathon } from './marathon.js';
import { readOciRuntime } from './oci-runtime.js';
import type { ConfigRead } from './reader.js';

const UNKNOWN =
  'not a known configuration (expected docker/podman inspect JSON, an OCI runtime config.json, Kubernetes manifests, a Compose file, an LXC config or a Marathon app)';

/** Larger than any real configuration file (the parser refuses the same); a bigger input is not read whole. */
const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

/**
 * Readers of parsed documents, most specific shape first: Kubernetes objects name their apiVersion and kind,
 * inspect output has HostConfig, an OCI config ociVersion, Compose a services mapping, Marathon an id and a container.
 */
const DOCUMENT_READERS: readonly ((
  docs: LocatedDocument[],
  file: string,
) => ConfigRead | undefined)[] = [
  readKubernetes,
  readDockerInspect,
  readOciRuntime,
  readCompose,
  readMarathon,
];

/** Reads `path` and returns its containers, located at `path` as given. */
export async function readConfigFile(path: string): Promise<ConfigRead> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new InputError(path, 'is a directory, not a configuration file');
    size = info.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(path, fileReadProblem(err));
  }
  if (size > MAX_CONFIG_BYTES)
    throw new InputError(path, `too large (${size} bytes) for a configuration file`);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new InputError(path, fileReadProblem(err));
  }
  return readConfigText(text, path);
}

/**
 * The containers of a configuration's text; `file` names it in origins and errors (`-` for standard input). Bad
 * YAML or JSON is the parser's InputError (file and line); text of no known kind is an InputError naming the kinds.
 */
export function readConfigText(text: string, file: string): ConfigRead {
  const source = text.replace(/^\uFEFF/, '');
  if (source.includes('\u0000')) throw new InputError(file, `${UNKNOWN}: binary content`);
  // LXC's `key = value` lines are not YAML (a value may hold `: `), so they are told apart before parsing.
  if (isLxcConfig(source)) return readLxc(source, file)!;
  const docs = parseDocuments(source, file);
  for (const reader of DOCUMENT_READERS) {
    const read = reader(docs, file);
    if (read) return read;
  }
  throw new InputError(file, UNKNOWN);
}
