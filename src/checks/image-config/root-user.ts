// SW-IMG-001: the image runs as root, because its last USER is root, UID 0 (with any group) or not set at all.
// Docker's USER (https://docs.docker.com/reference/dockerfile/#user); CIS Docker Benchmark 4.1.

import { findingOf, type Finding, type Rule } from '../../model/finding.js';
import { lastStepOf, type CheckContext } from './context.js';

export const ROOT_USER: Rule = {
  id: 'SW-IMG-001',
  kind: 'image',
  severity: 'medium',
  title: 'The image runs as root',
  remediation:
    'Create an unprivileged user in the image and end the Dockerfile with `USER <name or uid>` (for example USER 10001:10001).',
  references: [
    'https://docs.docker.com/reference/dockerfile/#user',
    'https://github.com/goodwithtech/dockle/blob/master/CHECKPOINT.md',
  ],
  frameworks: { 'cis-docker': ['4.1'], dockle: ['CIS-DI-0001'], trivy: ['DS002'] },
};

/** Whether a `user[:group]` is root: the name root or a UID of 0; an empty user part is Docker's default, root. */
export function isRootUser(user: string | undefined): boolean {
  const name = (user ?? '').split(':')[0]!.trim();
  return name === '' || name === 'root' || /^0+$/.test(name);
}

export function rootUserFindings(ctx: CheckContext): Finding[] {
  const { config } = ctx;
  // Windows images have no root: their users are ContainerAdministrator and ContainerUser.
  if (!config || ctx.inventory.target.platform?.os === 'windows') return [];
  if (!isRootUser(config.user)) return [];
  const step = lastStepOf(ctx.steps, 'USER');
  const evidence = step
    ? `history[${step.index}]: USER ${step.args}`
    : 'no USER instruction in the image history';
  const title =
    config.user === undefined || config.user === ''
      ? 'USER is not set, so the container runs as root (config.User is empty)'
      : `USER is root (config.User = ${JSON.stringify(config.user)})`;
  return [findingOf(ROOT_USER, { jsonPath: 'config.User' }, { title, evidence })];
}
