import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { InputError } from '../../errors.js';
import { scratchDir } from '../../testing/fixtures.js';
import { dockerConfigFile, lookupDockerCredentials, registryKey } from './docker-config.js';

const scratch = scratchDir('docker-config');
after(() => scratch.remove());

let counter = 0;
function configDir(config: unknown): string {
  const dir = join(scratch.dir, `c${counter++}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'config.json'),
    typeof config === 'string' ? config : JSON.stringify(config),
  );
  return dir;
}
const b64 = (s: string): string => Buffer.from(s).toString('base64');

test('reads `auth` (base64 user:password) and username/password entries, keyed by host or URL', async () => {
  const dir = configDir({
    auths: {
      'https://index.docker.io/v1/': { auth: b64('hubuser:hub:pass') },
      'http://127.0.0.1:5000': { username: 'local', password: 'pw' },
      'registry.example.com/v2/': { auth: b64('ex:secret') },
    },
  });
  assert.deepEqual((await lookupDockerCredentials('docker.io', dir)).credentials, {
    username: 'hubuser',
    password: 'hub:pass', // only the first colon separates
  });
  assert.deepEqual((await lookupDockerCredentials('127.0.0.1:5000', dir)).credentials, {
    username: 'local',
    password: 'pw',
  });
  assert.deepEqual((await lookupDockerCredentials('Registry.Example.com', dir)).credentials, {
    username: 'ex',
    password: 'secret',
  });
  // A port is part of the registry's identity.
  assert.equal((await lookupDockerCredentials('127.0.0.1:5001', dir)).credentials, undefined);
});

test('a missing config is no error; a credential helper is reported, not run', async () => {
  const missing = join(scratch.dir, 'nothing-here');
  const none = await lookupDockerCredentials('docker.io', missing);
  assert.equal(none.credentials, undefined);
  assert.equal(none.configFile, join(missing, 'config.json'));

  const dir = configDir({
    auths: { 'ghcr.io': {} },
    credsStore: 'desktop',
    credHelpers: { 'gcr.io': 'gcloud' },
  });
  const ghcr = await lookupDockerCredentials('ghcr.io', dir);
  assert.equal(ghcr.credentials, undefined);
  assert.equal(ghcr.helper, 'desktop');
  assert.equal((await lookupDockerCredentials('gcr.io', dir)).helper, 'gcloud');
});

test('honours $DOCKER_CONFIG when no directory is given', async () => {
  const dir = configDir({ auths: { 'r.example': { auth: b64('envuser:envpass') } } });
  const saved = process.env.DOCKER_CONFIG;
  process.env.DOCKER_CONFIG = dir;
  try {
    assert.equal(dockerConfigFile(), join(dir, 'config.json'));
    assert.deepEqual((await lookupDockerCredentials('r.example')).credentials, {
      username: 'envuser',
      password: 'envpass',
    });
  } finally {
    if (saved === undefined) delete process.env.DOCKER_CONFIG;
    else process.env.DOCKER_CONFIG = saved;
  }
});

test('malformed configs are InputErrors naming the file', async () => {
  const broken = configDir('{"auths": ');
  await assert.rejects(lookupDockerCredentials('docker.io', broken), (err: unknown) => {
    return (
      err instanceof InputError &&
      err.subject === join(broken, 'config.json') &&
      /invalid JSON/.test(err.problem)
    );
  });
  const badAuth = configDir({ auths: { 'r.example': { auth: b64('no-colon') } } });
  await assert.rejects(
    lookupDockerCredentials('r.example', badAuth),
    /not base64 of "user:password"/,
  );
});

test('registry keys normalise URLs and Docker Hub aliases', () => {
  assert.equal(registryKey('https://index.docker.io/v1/'), 'docker.io');
  assert.equal(registryKey('registry-1.docker.io'), 'docker.io');
  assert.equal(registryKey('HTTP://Host.Example:8443/path'), 'host.example:8443');
});
