// Secrets written into ARG and ENV: their values stay in the image configuration or the build history for anyone
// who pulls it. CIS Docker Benchmark v1.6 section 4.10; build secrets: https://docs.docker.com/build/building/secrets/

import {
  dockerfileRule,
  hadolintWiki,
  hitAt,
  trivyAvd,
  type DockerfileCheck,
  type Hit,
} from './check.js';
import type { DockerfileModel } from './parse.js';

export const SECRET_IN_DOCKERFILE = dockerfileRule({
  id: 'SW-DF-023',
  severity: 'high',
  title: 'A secret is written into ARG or ENV',
  remediation:
    'Remove the value and rotate it; pass secrets to the build with RUN --mount=type=secret and to the container at run time (secret store, mounted file, environment from the orchestrator).',
  scope: 'every stage',
  references: [
    'https://docs.docker.com/build/building/secrets/',
    hadolintWiki('DL3064'),
    trivyAvd('DS031'),
  ],
  frameworks: { 'cis-docker': ['4.10'], hadolint: ['DL3064'], trivy: ['DS031'] },
});

/** Name parts that say the value is a credential. */
const SECRET_WORDS = new Set([
  'PASSWORD',
  'PASSWD',
  'PASS',
  'PASSPHRASE',
  'SECRET',
  'SECRETS',
  'TOKEN',
  'CREDENTIAL',
  'CREDENTIALS',
  'APIKEY',
  'PRIVATEKEY',
]);
/** KEY is a credential unless the name says it is public (GPG_KEY in official images holds a fingerprint). */
const PUBLIC_KEY_WORDS = new Set(['GPG', 'PGP', 'PUBLIC', 'PUB', 'KEYRING', 'FINGERPRINT']);
/** A name ending in one of these holds something about the secret, not the secret (PASSWORD_FILE, TOKEN_URL). */
const NOT_THE_SECRET = new Set([
  'FILE',
  'PATH',
  'DIR',
  'URL',
  'URI',
  'ENDPOINT',
  'HOST',
  'NAME',
  'USER',
  'USERNAME',
  'LENGTH',
  'SIZE',
  'TTL',
  'TIMEOUT',
  'EXPIRY',
  'EXPIRES',
  'TYPE',
  'HEADER',
  'ID',
  'VERSION',
  'ENABLED',
  'REQUIRED',
  'MODE',
  'FORMAT',
  'ALGORITHM',
  'ALG',
  'PREFIX',
]);

/** Whether a variable name says its value is a credential: DB_PASSWORD, GITHUB_TOKEN, AWS_SECRET_ACCESS_KEY. */
export function isSecretName(name: string): boolean {
  const parts = name
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((p) => p !== '');
  if (parts.length === 0 || NOT_THE_SECRET.has(parts[parts.length - 1]!)) return false;
  if (parts.some((p) => SECRET_WORDS.has(p))) return true;
  return parts.includes('KEY') && !parts.some((p) => PUBLIC_KEY_WORDS.has(p));
}

/** `scheme://user:password@host`: a password in a URL, whatever the variable is called. */
const URL_CREDENTIALS = /[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:([^\s@/]+)@/i;

/** A literal value: not empty, and not only a reference to another variable (`${NPM_TOKEN}` passes it on). */
function isLiteral(value: string): boolean {
  const unquoted = value.replace(/^(["'])(.*)\1$/, '$2').trim();
  return unquoted !== '' && !/^(\$[A-Za-z_][A-Za-z0-9_]*|\$\{[^}]*\})$/.test(unquoted);
}

/** The value with its middle hidden: never more than a quarter of it (at most two characters) at each end. */
export function maskSecret(value: string): string {
  const chars = [...value];
  const keep = Math.min(2, Math.floor(chars.length / 4));
  const hidden = '*'.repeat(Math.max(4, chars.length - 2 * keep));
  return `${chars.slice(0, keep).join('')}${hidden}${keep > 0 ? chars.slice(-keep).join('') : ''}`;
}

export const buildSecretChecks: DockerfileCheck = (model: DockerfileModel): Hit[] => {
  const hits: Hit[] = [];
  for (const instruction of model.instructions) {
    if (instruction.keyword !== 'ARG' && instruction.keyword !== 'ENV') continue;
    for (const { name, value, line } of instruction.definitions ?? []) {
      if (value === null || !isLiteral(value)) continue;
      const inUrl = URL_CREDENTIALS.exec(value);
      if (isSecretName(name)) {
        hits.push(
          hitAt(SECRET_IN_DOCKERFILE, instruction, {
            line,
            title: `${instruction.keyword} ${name} holds a secret value`,
            evidence: `${instruction.keyword} ${name}=${maskSecret(value)}`,
          }),
        );
      } else if (inUrl && isLiteral(inUrl[1]!)) {
        hits.push(
          hitAt(SECRET_IN_DOCKERFILE, instruction, {
            line,
            title: `${instruction.keyword} ${name} holds a URL with a password`,
            evidence: `${instruction.keyword} ${name}=${value.replace(inUrl[1]!, maskSecret(inUrl[1]!))}`,
          }),
        );
      }
    }
  }
  return hits;
};
