// One entry point for every profile Seawall derives from a behaviour record (`seawall profile KIND RECORD`): each
// kind renders the same BehaviourSummary into its own format, deterministically (docs/profiles.md).

import type { BehaviourSummary } from '../behaviour.js';
import { generateAppArmorProfile } from './apparmor.js';
import { generateCapabilities } from './capabilities.js';
import { generateNetworkPolicy } from './netpol.js';
import type { ProfileOptions } from './options.js';
import { generateSeccompProfile } from './seccomp.js';
import { generateSelinuxPolicy } from './selinux.js';

export type ProfileKind = 'seccomp' | 'capabilities' | 'apparmor' | 'selinux' | 'netpol';
export type { ProfileOptions } from './options.js';

export const PROFILE_KINDS: readonly ProfileKind[] = [
  'seccomp',
  'capabilities',
  'apparmor',
  'selinux',
  'netpol',
];

const GENERATORS: Record<
  ProfileKind,
  (summary: BehaviourSummary, options?: ProfileOptions) => string
> = {
  seccomp: generateSeccompProfile,
  capabilities: generateCapabilities,
  apparmor: generateAppArmorProfile,
  selinux: generateSelinuxPolicy,
  netpol: generateNetworkPolicy,
};

/** The profile's text, newline-terminated; the same summary and options always give the same bytes. */
export function generateProfile(
  kind: ProfileKind,
  summary: BehaviourSummary,
  options: ProfileOptions = {},
): string {
  return GENERATORS[kind](summary, options);
}
