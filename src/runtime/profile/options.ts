// What every profile generator is given besides the summary, and the one name a profile goes by (AppArmor profile,
// CIL block, Kubernetes label): Kubernetes label values are the tightest rule (https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set).

import { InputError } from '../../errors.js';
import type { BehaviourSummary } from '../behaviour.js';

export interface ProfileOptions {
  /** The profile's name; the recorded container's name when not given. */
  name?: string;
  /**
   * Whether the container will run with no_new_privs (the OCI default `runc spec` writes, and Seawall's): runc then
   * loads the filter just before execve. Without it, runc loads the filter before it changes user and capabilities,
   * and the allow-list must carry those start-up syscalls too. Default true.
   */
  noNewPrivileges?: boolean;
}

/** Label values allow 63 characters; leave room for a `seawall-` prefix. */
const MAX_LENGTH = 55;

/** Lower case letters, digits and single hyphens, starting and ending with a letter or digit. */
export function profileName(summary: BehaviourSummary, options: ProfileOptions = {}): string {
  const raw = options.name ?? summary.container.name;
  const name = raw
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_LENGTH)
    .replace(/^-+|-+$/g, '');
  if (!name)
    throw new InputError(raw || '(empty name)', 'a profile name needs a letter or a digit');
  return name;
}

/** The subject of an InputError about a summary's content. */
export function summarySubject(summary: BehaviourSummary): string {
  return `behaviour record of ${summary.container.name || 'a container'}`;
}
