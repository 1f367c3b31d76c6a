import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSecretChecks, isSecretName, maskSecret } from './build-secrets.js';
import { parseDockerfile } from './parse.js';

describe('secret names', () => {
  for (const name of [
    'DB_PASSWORD',
    'POSTGRES_PASSWORD',
    'GITHUB_TOKEN',
    'NODE_AUTH_TOKEN',
    'AWS_SECRET_ACCESS_KEY',
    'SECRET_KEY_BASE',
    'STRIPE_API_KEY',
    'client-secret',
    'SMTP_PASS',
  ])
    it(`${name} names a secret`, () => assert.equal(isSecretName(name), true));

  for (const name of [
    'GPG_KEY',
    'PUBLIC_KEY',
    'DB_PASSWORD_FILE',
    'TOKEN_URL',
    'AWS_ACCESS_KEY_ID',
    'PASSWORD_MIN_LENGTH',
    'PATH',
    'KEYCLOAK_VERSION',
    'PWD',
  ])
    it(`${name} does not`, () => assert.equal(isSecretName(name), false));
});

describe('maskSecret', () => {
  it('shows at most a quarter of the value, two characters at each end', () => {
    assert.equal(maskSecret('correct-horse-battery'), 'co*****************ry');
    assert.equal(maskSecret('hunter22'), 'hu****22');
    assert.equal(maskSecret('abcde'), 'a****e');
    assert.equal(maskSecret('abc'), '****');
  });
});

describe('buildSecretChecks', () => {
  it('flags literal values only, on the line of each definition, never showing the value', () => {
    const model = parseDockerfile(
      [
        'ARG API_TOKEN',
        'FROM alpine:3.20.3',
        'ARG API_TOKEN',
        'ENV TOKEN=${API_TOKEN} \\',
        '    DB_PASSWORD="p4ssw0rd-in-git" \\',
        '    EMPTY_SECRET=""',
        'ENV HTTP_PROXY=http://proxy:3128 HTTPS_PROXY=http://svc:Winter2024!@proxy:3128',
      ].join('\n'),
    );
    assert.deepEqual(
      buildSecretChecks(model).map((h) => [h.line, h.instructionLine, h.title, h.evidence]),
      [
        [5, 4, 'ENV DB_PASSWORD holds a secret value', 'ENV DB_PASSWORD=p4***********it'],
        [
          7,
          7,
          'ENV HTTPS_PROXY holds a URL with a password',
          'ENV HTTPS_PROXY=http://svc:Wi*******4!@proxy:3128',
        ],
      ],
    );
  });
});
