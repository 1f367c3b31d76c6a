// The secret rules, SW-SEC-001 to SW-SEC-099, as data: what each credential looks like, the words that find it fast,
// and how to tell a real one from a look-alike. Formats: RFC 7468 (PEM), OpenSSH PROTOCOL.key, RFC 7519 (JWT), vendors' token docs.

import type { Rule } from '../../model/finding.js';

/**
 * How a matched value is told from a look-alike, beyond its shape (implemented in scan-text.ts):
 * - `pem`: a PEM body of base64 (at least 64 characters, the size of the smallest key, Ed25519) without
 *   `Proc-Type: 4,ENCRYPTED`; `pem-encrypted` the same, encrypted (PKCS#8 `ENCRYPTED PRIVATE KEY`, a legacy
 *   `Proc-Type: 4,ENCRYPTED` header, or an OpenSSH key whose cipher is not `none`);
 * - `openssh`: an `openssh-key-v1` blob whose cipher is `none`;
 * - `service-account`: a `pem` value in a file that also says `"type": "service_account"`;
 * - `jwt`: header and payload decode to JSON objects, the header naming an `alg`;
 * - `credential`: the generic assignment's value is no placeholder, path, URL, identifier or word.
 */
export type SecretCheck =
  'pem' | 'pem-encrypted' | 'openssh' | 'service-account' | 'jwt' | 'credential';

export interface SecretRule extends Rule {
  /**
   * Lower-case words the prefilter looks for (case-insensitively); the pattern is tried only where one of them
   * starts, so each pattern begins with its keywords.
   */
  keywords: readonly string[];
  /**
   * Tried anchored at a keyword's start (the scanner adds the sticky flag). The value to mask is the first named group
   * whose name starts with `secret` that took part in the match.
   */
  pattern: RegExp;
  /** Least Shannon entropy, in bits per character, of the value: rejects `xxxx…` and `0000…` look-alikes. */
  minEntropy?: number;
  check?: SecretCheck;
}

const CIS_SECRETS = ['4.10'];
const CIS_DOCKER = 'https://www.cisecurity.org/benchmark/docker';
const BUILD_SECRETS = 'https://docs.docker.com/build/building/secrets/';
/** Shared advice: deleting a file in a later layer leaves it in the layer that added it. */
const REBUILD =
  'Rebuild the image without it (a file deleted by a later layer is still in the layer that added it: remove it in the same RUN step, or use a multi-stage build or a build secret mount), then';

/** Token rules whose value is random: a value below this is a repeated or sequential look-alike. */
const TOKEN_ENTROPY = 3;

export const PEM_PRIVATE_KEY: SecretRule = {
  id: 'SW-SEC-001',
  kind: 'secret',
  severity: 'high',
  title: 'Private key (PEM)',
  remediation: `${REBUILD} replace the key pair: anyone who pulls the image has the private key. Mount it at run time as a secret.`,
  references: ['https://www.rfc-editor.org/rfc/rfc7468', BUILD_SECRETS, CIS_DOCKER],
  frameworks: { 'cis-docker': CIS_SECRETS, trivy: ['private-key'] },
  keywords: ['-----begin '],
  pattern:
    /-----BEGIN (?<label>(?:RSA |EC |DSA )?)PRIVATE KEY-----(?<secret>(?:[^-]|-(?!----)){16,20000})-----END \k<label>PRIVATE KEY-----/,
  minEntropy: 3.5,
  check: 'pem',
};

export const OPENSSH_PRIVATE_KEY: SecretRule = {
  id: 'SW-SEC-002',
  kind: 'secret',
  severity: 'high',
  title: 'OpenSSH private key',
  remediation: `${REBUILD} replace the key pair and remove its public key from every authorized_keys file that trusts it.`,
  references: [
    'https://github.com/openssh/openssh-portable/blob/master/PROTOCOL.key',
    BUILD_SECRETS,
    CIS_DOCKER,
  ],
  frameworks: { 'cis-docker': CIS_SECRETS, trivy: ['private-key'] },
  keywords: ['-----begin '],
  pattern:
    /-----BEGIN OPENSSH PRIVATE KEY-----(?<secret>(?:[^-]|-(?!----)){16,20000})-----END OPENSSH PRIVATE KEY-----/,
  minEntropy: 3.5,
  check: 'openssh',
};

export const ENCRYPTED_PRIVATE_KEY: SecretRule = {
  id: 'SW-SEC-003',
  kind: 'secret',
  severity: 'medium',
  title: 'Encrypted private key',
  remediation: `${REBUILD} replace the key pair: its passphrase can be attacked offline by anyone who pulls the image.`,
  references: [
    'https://www.rfc-editor.org/rfc/rfc7468#section-11',
    'https://github.com/openssh/openssh-portable/blob/master/PROTOCOL.key',
    CIS_DOCKER,
  ],
  frameworks: { 'cis-docker': CIS_SECRETS, trivy: ['private-key'] },
  keywords: ['-----begin '],
  pattern:
    /-----BEGIN (?<label>(?:RSA |EC |DSA |ENCRYPTED |OPENSSH )?)PRIVATE KEY-----(?<secret>(?:[^-]|-(?!----)){16,20000})-----END \k<label>PRIVATE KEY-----/,
  minEntropy: 3.5,
  check: 'pem-encrypted',
};

export const AWS_ACCESS_KEY_ID: SecretRule = {
  id: 'SW-SEC-004',
  kind: 'secret',
  severity: 'high',
  title: 'AWS access key ID',
  remediation: `${REBUILD} deactivate and delete the access key in IAM; give the workload an IAM role instead of long-lived keys.`,
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
    CIS_DOCKER,
  ],
  frameworks: { 'cis-docker': CIS_SECRETS, trivy: ['aws-access-key-id'] },
  keywords: ['akia', 'asia'],
  // Long-lived (AKIA) and temporary STS (ASIA) key ids; 16 characters of base32 follow the prefix.
  pattern: /(?<![A-Za-z0-9])(?<secret>(?:AKIA|ASIA)[A-Z0-9]{16})(?![A-Za-z0-9])/,
  minEntropy: TOKEN_ENTROPY,
};

export const AWS_SECRET_ACCESS_KEY: SecretRule = {
  id: 'SW-SEC-005',
  kind: 'secret',
  severity: 'critical',
  title: 'AWS secret access key',
  remediation: `${REBUILD} deactivate and delete the access key in IAM; give the workload an IAM role instead of long-lived keys.`,
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
    CIS_DOCKER,
  ],
  frameworks: { 'cis-docker': CIS_SECRETS, trivy: ['aws-secret-access-key'] },
  keywords: ['aws'],
  // The 40-character secret has no prefix of its own: only a name saying AWS and secret (or private) key gives it away.
  pattern:
    /aws[A-Za-z0-9_.-]{0,20}?(?:secret|private)[A-Za-z0-9_.-]{0,20}?key["']?(?:[ \t]{0,4}(?:=>|:=|=|:)[ \t]{0,4}|[ \t]{1,4})["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/i,
  minEntropy: 3.5,
};

export const GITHUB_TOKEN: SecretRule = {
  id: 'SW-SEC-006',
  kind: 'secret',
  severity: 'critical',
  title: 'GitHub token',
  remediation: `${REBUILD} revoke the token on GitHub (Settings, Developer settings; or the app's installation).`,
  references: [
    'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/about-authentication-to-github#githubs-token-formats',
    CIS_DOCKER,
  ],
  frameworks: {
    'cis-docker': CIS_SECRETS,
    trivy: ['github-app-token', 'github-oauth', 'github-pat', 'github-refresh-token'],
  },
  // Personal (ghp_), OAuth (gho_), user-to-server (ghu_), server-to-server (ghs_) and refresh (ghr_) tokens.
  keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
  pattern: /(?<![A-Za-z0-9_])(?<secret>gh[pousr]_[A-Za-z0-9]{36,251})(?![A-Za-z0-9_])/,
  minEntropy: TOKEN_ENTROPY,
};

export const GITHUB_FINE_GRAINED_TOKEN: SecretRule = {
  id: 'SW-SEC-007',
  kind: 'secret',
  severity: 'critical',
  title: 'GitHub fine-grained personal access token',
  remediation: `${REBUILD} revoke the token on GitHub (Settings, Developer settings, Fine-grained tokens).`,
  references: [
    'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens',
    CIS_DOCKER,
  ],
  frameworks: { 'cis-docker': CIS_SECRETS, trivy: ['github-fine-grained-pat'] },
  keywords: ['github_pat_'],
  pattern: /(?<![A-Za-z0-9_])(?<secret>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])/,
  minEntropy: TOKEN_ENTROPY,
};

export const GITLAB_TOKEN: SecretRule = {
  id: 'SW-SEC-008',
  kind: 'secret',
  severity: 'critical',
  title: 'GitLab personal access token',
  remediation: `${REBUILD} revoke the token in GitLab (User settings, Access tokens).`,
  references: ['https://docs.gitlab.com/ee/security/tokens/', CIS_DOCKER],
  frameworks: { 'cis-docker': CIS_SECRETS, trivy: ['gitlab-pat'] },
  keywords: ['glpat-'],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>glpat-[A-Za-z0-9_-]{20,200})(?![A-Za-z0-9_-])/,
  minEntropy: TOKEN_ENTROPY,
};

export const SLACK_TOKEN: SecretRule = {
  id: 'SW-SEC-009',
  kind: 'secret',
  severity: 'high',
  title: 'Slack token',
  remediation: `${REBUILD} revoke the token (Slack's auth.revoke, or reinstall the app to rotate it).`,
  references: ['https://api.slack.com/authentication/token-types', CIS_DOCKER],
  frameworks: { 'cis-docker': CIS_SECRETS, trivy: ['slack-access-token'] },
  // Bot (xoxb), user (xoxp), app-level (xoxa), refresh (xoxr) and legacy session (xoxs) tokens: numeric team and user
  // ids, then a random part.
  keywords: ['xoxa-', 'xoxb-', 'xoxp-', 'xoxr-', 'xoxs-'],
  pattern:
    /(?<![A-Za-z0-9_-])(?<secret>xox[abprs]-(?:[0-9]{1,20}-){1,4}[A-Za-z0-9]{8,64})(?![A-Za-z0-9_-])/,
  minEntropy: TOKEN_ENTROPY,
};

export const SLACK_WEBHOOK: SecretRule = {
  id: 'SW-SEC-010',
  kind: 'secret',
  severity: 'medium',
  title: 'Slack incoming webhook URL',
  remediation: `${REBUILD} regenerate the webhook URL in the Slack app's Incoming Webhooks settings; anyone with it can post to the channel.`,
  references: ['https://api.slack.com/messaging/webhooks', CIS_DOCKER],
  frameworks: { 'cis-docker': CIS_SECRETS, trivy: ['slack-web-hook'] },
  keywords: ['hooks.slack.com'],
  pattern:
    /hooks\.slack\.com\/services\/(?<secret>T[A-Z0-9]{6,12}\/B[A-Z0-9]{6,12}\/[A-Za-z0-9]{20,32})(?![A-Za-z0-9])/,
  minEntropy: TOKEN_ENTROPY,
};

export const GOOGLE_SERVICE_ACCOUNT_KEY: SecretRule = {
  id: 'SW-SEC-011',
  kind: 'secret',
  severity: 'critical',
  title: 'Google Cloud service account key',
  remediation: `${REBUILD} delete the key in IAM (Service accounts, Keys); use workload identity instead of key files.`,
  references: ['https://cloud.google.com/iam/docs/keys-create-delete', CIS_DOCKER],
  frameworks: { 'cis-docker': CIS_SECRETS, trivy: ['gcp-service-account'] },
  keywords: ['"private_key"'],
  pattern:
    /"private_key"\s{0,16}:\s{0,16}"(?<secret>-----BEGIN (?:RSA )?PRIVATE KEY-----[^"]{16,20000}?-----END (?:RSA )?PRIVATE KEY-----[^"]{0,8})"/,
  minEntropy: 3.5,
  check: 'service-account',
};

export const STRIPE_SECRET_KEY: SecretRule = {
  id: 'SW-SEC-012',
  kind: 'secret',
  severity: 'critical',
  title: 'Stripe live secret key',
  remediation: `${REBUILD} roll the key in the Stripe dashboard (Developers, API keys).`,
  references: ['https://docs.stripe.com/keys', CIS_DOCKER],
  frameworks: { 'cis-docker': CIS_SECRETS, trivy: ['stripe-secret-token'] },
  // Live-mode secret (sk_live_) and restricted (rk_live_) keys; test-mode keys reach no real money.
  keywords: ['sk_live_', 'rk_live_'],
  pattern: /(?<![A-Za-z0-9_])(?<secret>[rs]k_live_[A-Za-z0-9]{20,247})(?![A-Za-z0-9_])/,
  minEntropy: TOKEN_ENTROPY,
};

export const NPM_TOKEN: SecretRule = {
  id: 'SW-SEC-013',
  kind: 'secret',
  severity: 'critical',
  title: 'npm access token',
  remediation: `${REBUILD} revoke the token (\`npm token revoke\`); pass registry credentials to the build as a secret mount, not in .npmrc.`,
  references: ['https://docs.npmjs.com/about-access-tokens', BUILD_SECRETS, CIS_DOCKER],
  frameworks: { 'cis-docker': CIS_SECRETS, trivy: ['npm-access-token'] },
  keywords: ['npm_'],
  pattern: /(?<![A-Za-z0-9_])(?<secret>npm_[A-Za-z0-9]{36})(?![A-Za-z0-9_])/,
  minEntropy: TOKEN_ENTROPY,
};

export const JSON_WEB_TOKEN: SecretRule = {
  id: 'SW-SEC-014',
  kind: 'secret',
  severity: 'medium',
  title: 'JSON Web Token',
  remediation: `${REBUILD} revoke the token or rotate the key that signed it if it has not expired; tokens belong in run-time configuration.`,
  references: ['https://www.rfc-editor.org/rfc/rfc7519', CIS_DOCKER],
  frameworks: { 'cis-docker': CIS_SECRETS, trivy: ['jwt-token'] },
  // Header and payload are base64url JSON objects ('{"' encodes as eyJ); a token without a signature proves nothing.
  keywords: ['eyj'],
  pattern:
    /(?<![A-Za-z0-9_-])(?<secret>eyJ[A-Za-z0-9_-]{8,4096}\.e[wy][A-Za-z0-9_-]{8,16384}\.[A-Za-z0-9_-]{16,1024})(?![A-Za-z0-9_-])/,
  check: 'jwt',
};

export const CREDENTIAL_ASSIGNMENT: SecretRule = {
  id: 'SW-SEC-015',
  kind: 'secret',
  severity: 'medium',
  title: 'Hard-coded credential',
  remediation: `${REBUILD} change the credential; read it at run time from a secret mount or the orchestrator's secret store.`,
  references: ['https://cwe.mitre.org/data/definitions/798.html', BUILD_SECRETS, CIS_DOCKER],
  frameworks: { 'cis-docker': CIS_SECRETS },
  // `password=…`, `DB_PASSWORD: …`, `"api_key": "…"`, `secret_key => '…'`: a name ending in one of these words,
  // then the value, quoted or bare: printable ASCII without spaces (a bare one also without quotes, brackets and the
  // separators that end it in code, and not followed by `(` or `[`: a call or an index is code).
  keywords: [
    'passw',
    'passphrase',
    'secret',
    'token',
    'api_key',
    'api-key',
    'apikey',
    'access_key',
    'access-key',
    'accesskey',
  ],
  pattern:
    /(?:passw(?:or)?d|passphrase|secret(?:[_-]?key)?|token|api[_-]?key|access[_-]?key)["']?[ \t]{0,4}(?:=>|:=|=|:)[ \t]{0,4}(?:"(?<secretDouble>[!#-~]{1,256})"|'(?<secretSingle>[!-&(-~]{1,256})'|(?<secretBare>(?:(?!["'`,;(){}<>[\]])[!-~]){1,256})(?=[\s"'`,;)}>\]]|$))/i,
  minEntropy: 3,
  check: 'credential',
};

/**
 * Every rule, in the order that settles overlaps: where two matches' values overlap, the earlier rule's is kept (the
 * service account file's key is not also a bare PEM key; `token=ghp_…` is a GitHub token, not a generic credential).
 */
export const SECRET_RULES: readonly SecretRule[] = [
  GOOGLE_SERVICE_ACCOUNT_KEY,
  PEM_PRIVATE_KEY,
  OPENSSH_PRIVATE_KEY,
  ENCRYPTED_PRIVATE_KEY,
  AWS_ACCESS_KEY_ID,
  AWS_SECRET_ACCESS_KEY,
  GITHUB_TOKEN,
  GITHUB_FINE_GRAINED_TOKEN,
  GITLAB_TOKEN,
  SLACK_TOKEN,
  SLACK_WEBHOOK,
  STRIPE_SECRET_KEY,
  NPM_TOKEN,
  JSON_WEB_TOKEN,
  CREDENTIAL_ASSIGNMENT,
];

const BY_ID = new Map(SECRET_RULES.map((rule) => [rule.id, rule]));

/** The rule with this id, if it is one of the secret rules. */
export function secretRuleById(id: string): SecretRule | undefined {
  return BY_ID.get(id);
}
