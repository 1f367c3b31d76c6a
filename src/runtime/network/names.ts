// The names of the kernel objects one container's network is made of, all derived from the container's name, so that
// removal finds exactly what creation made. Interface names are limited to 15 bytes (IFNAMSIZ - 1, linux/if.h).

import { createHash } from 'node:crypto';
import { InputError } from '../../errors.js';

/** Every network namespace Seawall creates starts with this; nothing else is ever deleted. */
export const NAMESPACE_PREFIX = 'sw-';
/** Host-side veth interfaces carry this alias, so removal can tell its own interface from a namesake. */
export const ALIAS_PREFIX = 'seawall:';

// A container name becomes a file name under /run/netns and an interface alias: keep it to a safe, short alphabet.
export const CONTAINER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

export interface NetworkNames {
  /** The network namespace, `sw-<name>`. */
  namespace: string;
  /** Where `ip netns add` bind-mounts it, for the OCI config's `linux.namespaces[].path`. */
  namespacePath: string;
  /** The host side of the veth pair: `sw` and 10 hex digits of the name's SHA-256 (12 characters). */
  hostVeth: string;
  /** The container side while it is created (renamed eth0 inside the namespace): `swp` and the same digits. */
  peerVeth: string;
  /** The host veth's alias, `seawall:<name>`. */
  alias: string;
}

/** The object names of a container's network; a name outside [A-Za-z0-9][A-Za-z0-9_.-]{0,62} is an InputError. */
export function networkNames(name: string): NetworkNames {
  if (!CONTAINER_NAME.test(name) || name === '.' || name === '..')
    throw new InputError(
      name,
      'not a valid container name (letters, digits, "_", "." and "-", at most 63, starting with a letter or digit)',
    );
  const digest = createHash('sha256').update(name).digest('hex').slice(0, 10);
  const namespace = `${NAMESPACE_PREFIX}${name}`;
  return {
    namespace,
    namespacePath: `/run/netns/${namespace}`,
    hostVeth: `sw${digest}`,
    peerVeth: `swp${digest}`,
    alias: `${ALIAS_PREFIX}${name}`,
  };
}
