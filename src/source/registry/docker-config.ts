// Finds registry credentials in Docker's client configuration (`$DOCKER_CONFIG/config.json`, default ~/.docker).
// Format: https://docs.docker.com/reference/cli/docker/#docker-cli-configuration-file-configjson-properties
//
// Only the `auths` section is read (`auth` = base64 "user:password", or `username` and `password`). Credential
// helpers (`credsStore`, `credHelpers`) are external programs that Seawall deliberately does not run; when one is
// configured for a registry, the lookup says so, so that an authentication failure can tell the user why.

import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { InputError, messageOf } from '../../errors.js';
import { DOCKER_HUB } from './reference.js';

export interface RegistryCredentials {
  username: string;
  password: string;
}

export interface CredentialLookup {
  /** The config file consulted (it may not exist). */
  configFile: string;
  credentials?: RegistryCredentials;
  /** Set when the registry's credentials are kept by a helper program that is not run. */
  helper?: string;
}

/** The config.json to read: an explicit directory, else $DOCKER_CONFIG, else ~/.docker. */
export function dockerConfigFile(configDir?: string): string {
  const dir = configDir ?? process.env.DOCKER_CONFIG ?? join(homedir(), '.docker');
  return join(dir, 'config.json');
}

/** Looks up credentials for `registry` (as named in references: `docker.io`, `host:port`). A missing file is no error. */
export async function lookupDockerCredentials(
  registry: string,
  configDir?: string,
): Promise<CredentialLookup> {
  const configFile = dockerConfigFile(configDir);
  let text: string;
  try {
    text = await readFile(configFile, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { configFile };
    throw new InputError(configFile, `cannot read Docker config (${messageOf(err)})`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new InputError(configFile, `invalid JSON (${messageOf(err)})`);
  }
  if (!isObject(doc)) throw new InputError(configFile, 'expected a JSON object');

  const wanted = registryKey(registry);
  const result: CredentialLookup = { configFile };
  const helpers = isObject(doc.credHelpers) ? doc.credHelpers : {};
  for (const [key, helper] of Object.entries(helpers)) {
    if (registryKey(key) === wanted && typeof helper === 'string') result.helper = helper;
  }
  if (result.helper === undefined && typeof doc.credsStore === 'string' && doc.credsStore !== '') {
    result.helper = doc.credsStore;
  }

  const auths = isObject(doc.auths) ? doc.auths : {};
  // Several keys may name the same registry (`https://index.docker.io/v1/` and `docker.io`); the first usable wins,
  // in sorted key order so the choice does not depend on how the file was written.
  for (const key of Object.keys(auths).sort()) {
    const entry = auths[key];
    if (registryKey(key) !== wanted || !isObject(entry)) continue;
    const credentials = entryCredentials(entry, configFile, key);
    if (credentials) return { ...result, credentials };
  }
  return result;
}

function entryCredentials(
  entry: Record<string, unknown>,
  configFile: string,
  key: string,
): RegistryCredentials | undefined {
  if (typeof entry.auth === 'string' && entry.auth !== '') {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) {
      throw new InputError(configFile, `auths["${key}"].auth is not base64 of "user:password"`);
    }
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (
    typeof entry.username === 'string' &&
    typeof entry.password === 'string' &&
    entry.username !== ''
  ) {
    return { username: entry.username, password: entry.password };
  }
  return undefined;
}

/**
 * Reduces a config key or registry name to `host[:port]`, lowercased: keys may be written as URLs
 * (`https://host/v1/`), and Docker Hub goes by several names.
 */
export function registryKey(name: string): string {
  let key = name
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  const slash = key.indexOf('/');
  if (slash >= 0) key = key.slice(0, slash);
  if (key === 'index.docker.io' || key === 'registry-1.docker.io' || key === DOCKER_HUB)
    return DOCKER_HUB;
  return key;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
