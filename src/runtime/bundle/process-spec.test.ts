import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../errors.js';
import { DEFAULT_PATH, commandArgs, hostsFile, processEnv } from './process-spec.js';

describe('commandArgs', () => {
  const config = { entrypoint: ['nginx', '-g', 'daemon off;'], cmd: ['-c', '/etc/nginx.conf'] };
  it('is entrypoint then cmd, or the command given after -- in their place', () => {
    assert.deepEqual(commandArgs(undefined, config, 't'), [
      'nginx',
      '-g',
      'daemon off;',
      '-c',
      '/etc/nginx.conf',
    ]);
    assert.deepEqual(commandArgs(['sh', '-c', 'exit 3'], config, 't'), ['sh', '-c', 'exit 3']);
  });
  it('needs a command when the image has none', () => {
    assert.throws(
      () => commandArgs([], {}, 'oci:x'),
      (e: unknown) => e instanceof InputError && /no entrypoint or cmd/.test(e.message),
    );
    assert.throws(
      () => commandArgs(undefined, undefined, 'dir:/x'),
      /a directory has no image config/,
    );
  });
});

describe('processEnv', () => {
  it("adds PATH and HOSTNAME, lets -e override the image's values, and sets HOME last", () => {
    process.env.SEAWALL_TEST_PASSED = 'from-host';
    try {
      assert.deepEqual(
        processEnv(
          ['LANG=C.UTF-8', 'MODE=image'],
          ['MODE=user', 'SEAWALL_TEST_PASSED', 'SEAWALL_TEST_UNSET'],
          'box',
          '/root',
        ),
        [
          `PATH=${DEFAULT_PATH}`,
          'HOSTNAME=box',
          'LANG=C.UTF-8',
          'MODE=user',
          'SEAWALL_TEST_PASSED=from-host',
          'HOME=/root',
        ],
      );
    } finally {
      delete process.env.SEAWALL_TEST_PASSED;
    }
    assert.deepEqual(processEnv(['PATH=/bin', 'HOME=/srv'], [], 'box', '/root'), [
      'HOSTNAME=box',
      'PATH=/bin',
      'HOME=/srv',
    ]);
    assert.throws(() => processEnv([], ['=x'], 'box', '/'), InputError);
  });
});

describe('hostsFile', () => {
  it('names the container at its own address', () => {
    assert.match(hostsFile('web', '10.89.0.2'), /^10\.89\.0\.2\tweb$/m);
    assert.match(hostsFile('web', undefined), /^127\.0\.1\.1\tweb$/m);
    assert.match(hostsFile('web', undefined), /^127\.0\.0\.1\tlocalhost$/m);
  });
});
