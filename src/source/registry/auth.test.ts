// Challenge parsing, and real authenticated pulls: a registry behind htpasswd Basic auth, and one behind a Bearer
// token service (a JWT issuer in this process whose certificate the registry trusts).

import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { InputError } from '../../errors.js';
import { scratchDir } from '../../testing/fixtures.js';
import { pushImage, startRegistry, type TestRegistry } from '../../testing/registry.js';
import { assertPulledImage } from '../../testing/registry-assert.js';
import { buildRegistryTestImages, type RegistryTestImages } from '../../testing/registry-image.js';
import { startTokenServer, type TokenServer } from '../../testing/token-server.js';
import { parseAuthChallenges } from './auth.js';
import { openRegistrySource } from './index.js';

test('parses WWW-Authenticate challenges: quoting, escapes, several challenges, any case', () => {
  assert.deepEqual(
    parseAuthChallenges(
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"',
    ),
    [
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.docker.io/token',
          service: 'registry.docker.io',
          scope: 'repository:library/alpine:pull',
        },
      },
    ],
  );
  assert.deepEqual(parseAuthChallenges('Basic realm="a \\"quoted\\" realm", charset=UTF-8'), [
    { scheme: 'basic', params: { realm: 'a "quoted" realm', charset: 'UTF-8' } },
  ]);
  assert.deepEqual(
    parseAuthChallenges(
      'BASIC Realm=simple, Bearer realm="http://t/token", scope="repository:a:pull repository:b:pull",error="insufficient_scope"',
    ),
    [
      { scheme: 'basic', params: { realm: 'simple' } },
      {
        scheme: 'bearer',
        params: {
          realm: 'http://t/token',
          scope: 'repository:a:pull repository:b:pull',
          error: 'insufficient_scope',
        },
      },
    ],
  );
  assert.deepEqual(parseAuthChallenges(''), []);
});

const scratch = scratchDir('registry-auth');
after(() => scratch.remove());
let configs = 0;

/** A Docker config directory holding `auths` for `host`. */
function dockerConfig(host: string, entry: Record<string, string>, extra: object = {}): string {
  const dir = join(scratch.dir, `docker-config-${configs++}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths: { [host]: entry }, ...extra }));
  return dir;
}
const basicAuth = (user: string, password: string): Record<string, string> => ({
  auth: Buffer.from(`${user}:${password}`).toString('base64'),
});

describe('registry behind Basic auth (htpasswd)', { timeout: 120_000 }, () => {
  let registry: TestRegistry;
  let images: RegistryTestImages;
  let ref: string;

  before(async () => {
    images = await buildRegistryTestImages();
    registry = await startRegistry({ htpasswd: { username: 'tester', password: 's3cret pass' } });
    ref = `${registry.host}/private/img:v1`;
    await pushImage(`oci:${images.layoutDir}:amd64`, ref, { credentials: 'tester:s3cret pass' });
  });
  after(async () => {
    await registry?.stop();
  });

  test('pulls with `auth` credentials from the Docker config', async () => {
    const dockerConfigDir = dockerConfig(registry.host, basicAuth('tester', 's3cret pass'));
    const source = await openRegistrySource(ref, { insecureRegistry: true, dockerConfigDir });
    try {
      await assertPulledImage(source, images.amd64);
    } finally {
      await source.close();
    }
  });

  test('pulls with username/password credentials keyed by URL', async () => {
    const dockerConfigDir = dockerConfig(`http://${registry.host}/v2/`, {
      username: 'tester',
      password: 's3cret pass',
    });
    const source = await openRegistrySource(
      `${ref.replace(':v1', '')}@${images.amd64.manifestDigest}`,
      {
        insecureRegistry: true,
        dockerConfigDir,
      },
    );
    assert.equal(source.target.imageId, images.amd64.configDigest);
    await source.close();
  });

  test('wrong credentials: authentication failed, naming the user and the config file', async () => {
    const dockerConfigDir = dockerConfig(registry.host, basicAuth('tester', 'wrong'));
    await assert.rejects(
      openRegistrySource(ref, { insecureRegistry: true, dockerConfigDir }),
      (err: unknown) => {
        assert.ok(err instanceof InputError);
        assert.equal(err.subject, ref);
        assert.match(
          err.problem,
          /^authentication failed for 127\.0\.0\.1:\d+\/private\/img \(HTTP 401/,
        );
        assert.match(err.problem, /credentials of user "tester" .* were not accepted/);
        assert.ok(err.problem.includes(join(dockerConfigDir, 'config.json')));
        return true;
      },
    );
  });

  test('no credentials: authentication failed, saying none were found (and why, with a helper)', async () => {
    const empty = dockerConfig('other.example', basicAuth('x', 'y'));
    await assert.rejects(
      openRegistrySource(ref, { insecureRegistry: true, dockerConfigDir: empty }),
      /authentication failed for .*private\/img \(the registry wants a username and password\); no credentials for 127\.0\.0\.1:\d+ in /,
    );
    const helper = dockerConfig(registry.host, {}, { credsStore: 'pass' });
    await assert.rejects(
      openRegistrySource(ref, { insecureRegistry: true, dockerConfigDir: helper }),
      /credential helper "pass" is not run by seawall/,
    );
  });
});

describe('registry behind a Bearer token service', { timeout: 120_000 }, () => {
  let tokens: TokenServer;
  let registry: TestRegistry;
  let images: RegistryTestImages;

  before(async () => {
    images = await buildRegistryTestImages();
    const dir = join(scratch.dir, 'token');
    mkdirSync(dir, { recursive: true });
    tokens = await startTokenServer(dir, {
      users: { alice: 'wonderland' },
      publicRepositories: ['public/img'],
    });
    registry = await startRegistry({
      token: {
        realm: tokens.realm,
        service: tokens.service,
        issuer: tokens.issuer,
        rootCertBundle: tokens.certFile,
      },
    });
    await pushImage(`oci:${images.layoutDir}:amd64`, `${registry.host}/private/img:v1`, {
      credentials: 'alice:wonderland',
    });
    await pushImage(`oci:${images.layoutDir}:multi`, `${registry.host}/public/img:v1`, {
      credentials: 'alice:wonderland',
      all: true,
    });
  });
  after(async () => {
    await registry?.stop();
    await tokens?.stop();
  });

  test('pulls a public repository with an anonymous token', async () => {
    const before = tokens.requests.length;
    const source = await openRegistrySource(`${registry.host}/public/img:v1`, {
      insecureRegistry: true,
      platform: 'linux/arm64',
      dockerConfigDir: join(scratch.dir, 'no-docker-config'),
    });
    try {
      await assertPulledImage(source, images.arm64);
    } finally {
      await source.close();
    }
    const asked = tokens.requests.slice(before);
    assert.ok(asked.length >= 1);
    assert.deepEqual(asked[0], {
      user: undefined,
      scopes: ['repository:public/img:pull'],
      refused: false,
    });
  });

  test('pulls a private repository with a token got with Docker config credentials from $DOCKER_CONFIG', async () => {
    const dir = dockerConfig(registry.host, basicAuth('alice', 'wonderland'));
    const saved = process.env.DOCKER_CONFIG;
    process.env.DOCKER_CONFIG = dir;
    tokens.field = 'access_token'; // OAuth2-style answers work as well as the spec's `token`
    const before = tokens.requests.length;
    try {
      const source = await openRegistrySource(`${registry.host}/private/img:v1`, {
        insecureRegistry: true,
      });
      try {
        await assertPulledImage(source, images.amd64);
      } finally {
        await source.close();
      }
    } finally {
      tokens.field = 'token';
      if (saved === undefined) delete process.env.DOCKER_CONFIG;
      else process.env.DOCKER_CONFIG = saved;
    }
    assert.deepEqual(tokens.requests[before], {
      user: 'alice',
      scopes: ['repository:private/img:pull'],
      refused: false,
    });
  });

  test('anonymous access to a private repository: authentication failed', async () => {
    await assert.rejects(
      openRegistrySource(`${registry.host}/private/img:v1`, {
        insecureRegistry: true,
        dockerConfigDir: join(scratch.dir, 'no-docker-config'),
      }),
      /authentication failed for 127\.0\.0\.1:\d+\/private\/img \(HTTP 401 \(UNAUTHORIZED: .*\)\); no credentials for 127\.0\.0\.1:\d+/,
    );
  });

  test('credentials the token service rejects: authentication failed', async () => {
    const dockerConfigDir = dockerConfig(registry.host, basicAuth('alice', 'looking-glass'));
    await assert.rejects(
      openRegistrySource(`${registry.host}/private/img:v1`, {
        insecureRegistry: true,
        dockerConfigDir,
      }),
      /authentication failed for .*private\/img \(token service 127\.0\.0\.1:\d+ answered HTTP 401\); the credentials of user "alice"/,
    );
    assert.equal(tokens.requests.at(-1)?.refused, true);
  });
});
