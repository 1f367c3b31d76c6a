// The image filesystem rules, SW-IMG-020 to SW-IMG-059: ids are stable forever, never renumbered or reused.
// Mappings: CIS Docker Benchmark v1.6 section 4, Dockle checkpoints (https://github.com/goodwithtech/dockle/blob/master/CHECKPOINT.md).

import type { Rule } from '../../model/finding.js';

const DOCKLE = 'https://github.com/goodwithtech/dockle/blob/master/CHECKPOINT.md';
const CIS_DOCKER = 'https://www.cisecurity.org/benchmark/docker';
const BEST_PRACTICES = 'https://docs.docker.com/build/building/best-practices/';
const DISTROLESS = 'https://github.com/GoogleContainerTools/distroless';

export const SETUID_FILE: Rule = {
  id: 'SW-IMG-020',
  kind: 'image',
  severity: 'low',
  title: 'setuid or setgid file',
  remediation:
    'Remove the file, or its setuid/setgid bit (`chmod u-s,g-s FILE` in the Dockerfile), unless the application needs it; a container rarely does.',
  references: [CIS_DOCKER, DOCKLE, 'https://man7.org/linux/man-pages/man2/chmod.2.html'],
  frameworks: { 'cis-docker': ['4.8'], dockle: ['CIS-DI-0008'] },
};

export const WORLD_WRITABLE: Rule = {
  id: 'SW-IMG-021',
  kind: 'image',
  severity: 'medium',
  title: 'World-writable path',
  remediation:
    'Remove write permission for others (`chmod o-w PATH`); a directory that must be shared needs the sticky bit (`chmod +t`), as /tmp has.',
  references: ['https://man7.org/linux/man-pages/man7/inode.7.html'],
  frameworks: {},
};

export const SSH_SERVER: Rule = {
  id: 'SW-IMG-022',
  kind: 'image',
  severity: 'medium',
  title: 'SSH server installed',
  remediation:
    'Remove the SSH server (openssh-server, dropbear) from the image; use `docker exec` or `kubectl exec` to get into a container.',
  references: ['https://jpetazzo.github.io/2014/06/23/docker-ssh-considered-evil/'],
  frameworks: {},
};

const SURFACE_REMEDIATION =
  'Leave tools the application does not run out of the final image (a multi-stage build copying only what it needs, or a distroless or scratch base).';

export const SHELLS: Rule = {
  id: 'SW-IMG-023',
  kind: 'image',
  severity: 'negligible',
  title: 'Shells present',
  remediation: SURFACE_REMEDIATION,
  references: [DISTROLESS],
  frameworks: {},
};

export const PACKAGE_MANAGERS: Rule = {
  id: 'SW-IMG-024',
  kind: 'image',
  severity: 'negligible',
  title: 'Package managers present',
  remediation: SURFACE_REMEDIATION,
  references: [DISTROLESS],
  frameworks: {},
};

export const COMPILERS: Rule = {
  id: 'SW-IMG-025',
  kind: 'image',
  severity: 'low',
  title: 'Compilers present',
  remediation: SURFACE_REMEDIATION,
  references: [DISTROLESS, 'https://docs.docker.com/build/building/multi-stage/'],
  frameworks: {},
};

export const DEBUGGERS: Rule = {
  id: 'SW-IMG-026',
  kind: 'image',
  severity: 'low',
  title: 'Debuggers and tracers present',
  remediation: SURFACE_REMEDIATION,
  references: [DISTROLESS],
  frameworks: {},
};

export const NETWORK_TOOLS: Rule = {
  id: 'SW-IMG-027',
  kind: 'image',
  severity: 'negligible',
  title: 'Network tools present',
  remediation: SURFACE_REMEDIATION,
  references: [DISTROLESS],
  frameworks: {},
};

export const UNUSED_RUNTIME: Rule = {
  id: 'SW-IMG-028',
  kind: 'image',
  severity: 'low',
  title: 'Language runtime the entrypoint does not use',
  remediation:
    'Remove the runtime from the final image, or build from a base without it; a runtime nothing runs only adds vulnerabilities and tools.',
  references: [CIS_DOCKER, DISTROLESS],
  frameworks: { 'cis-docker': ['4.3'] },
};

export const CREDENTIAL_FILE: Rule = {
  id: 'SW-IMG-029',
  kind: 'image',
  severity: 'high',
  title: 'Credential file in the image',
  remediation:
    'Revoke the credential, and pass it to the build as a secret mount (`RUN --mount=type=secret`) rather than copying it; deleting it in a later layer does not remove it from the image.',
  references: [DOCKLE, 'https://docs.docker.com/build/building/secrets/'],
  frameworks: { dockle: ['CIS-DI-0010'] },
};

export const EMPTY_PASSWORD: Rule = {
  id: 'SW-IMG-030',
  kind: 'image',
  severity: 'high',
  title: 'Account with an empty password',
  remediation:
    'Lock the account (`passwd -l NAME`, or `*` or `!` in the password field) so nobody can log in as it without a password.',
  references: [
    DOCKLE,
    'https://man7.org/linux/man-pages/man5/shadow.5.html',
    'https://nvd.nist.gov/vuln/detail/CVE-2019-5021',
  ],
  frameworks: { dockle: ['DKL-LI-0001'] },
};

export const DUPLICATE_UID: Rule = {
  id: 'SW-IMG-031',
  kind: 'image',
  severity: 'medium',
  title: 'UID shared by several users',
  remediation:
    'Give each user in /etc/passwd its own UID: users sharing one are the same user to the kernel.',
  references: [DOCKLE, 'https://man7.org/linux/man-pages/man5/passwd.5.html'],
  frameworks: { dockle: ['DKL-LI-0002'] },
};

export const DUPLICATE_GID: Rule = {
  id: 'SW-IMG-032',
  kind: 'image',
  severity: 'low',
  title: 'GID shared by several groups',
  remediation:
    'Give each group in /etc/group its own GID: a file of one group is open to every group sharing its GID.',
  references: [DOCKLE, 'https://man7.org/linux/man-pages/man5/group.5.html'],
  frameworks: { dockle: ['DKL-LI-0002'] },
};

export const APT_CACHE: Rule = {
  id: 'SW-IMG-033',
  kind: 'image',
  severity: 'low',
  title: 'apt lists or package cache left in the image',
  remediation:
    'End the RUN step that installs packages with `apt-get clean && rm -rf /var/lib/apt/lists/*` (in the same step, or the layer keeps them).',
  references: [`${BEST_PRACTICES}#apt-get`, DOCKLE],
  frameworks: { dockle: ['DKL-DI-0005'] },
};

export const APK_CACHE: Rule = {
  id: 'SW-IMG-034',
  kind: 'image',
  severity: 'low',
  title: 'apk cache left in the image',
  remediation:
    'Install with `apk add --no-cache`, or remove /var/cache/apk/* in the same RUN step.',
  references: ['https://wiki.alpinelinux.org/wiki/Local_APK_cache'],
  frameworks: {},
};

export const PIP_CACHE: Rule = {
  id: 'SW-IMG-035',
  kind: 'image',
  severity: 'low',
  title: 'pip cache left in the image',
  remediation:
    'Install with `pip install --no-cache-dir`, or set PIP_NO_CACHE_DIR=1 for the build.',
  references: ['https://pip.pypa.io/en/stable/topics/caching/'],
  frameworks: {},
};

export const NPM_CACHE: Rule = {
  id: 'SW-IMG-036',
  kind: 'image',
  severity: 'low',
  title: 'npm cache left in the image',
  remediation:
    'Run `npm cache clean --force` in the same RUN step as `npm ci`, or use a cache mount (`RUN --mount=type=cache,target=/root/.npm`).',
  references: ['https://docs.npmjs.com/cli/commands/npm-cache'],
  frameworks: {},
};

/** Every rule of this module, in id order (for rule listings and the coverage document). */
export const FILESYSTEM_RULES: readonly Rule[] = [
  SETUID_FILE,
  WORLD_WRITABLE,
  SSH_SERVER,
  SHELLS,
  PACKAGE_MANAGERS,
  COMPILERS,
  DEBUGGERS,
  NETWORK_TOOLS,
  UNUSED_RUNTIME,
  CREDENTIAL_FILE,
  EMPTY_PASSWORD,
  DUPLICATE_UID,
  DUPLICATE_GID,
  APT_CACHE,
  APK_CACHE,
  PIP_CACHE,
  NPM_CACHE,
];
