import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fixturePath } from '../../testing/fixtures.js';
import { parsePipfileLock } from './pipfile-lock.js';

describe('parsePipfileLock', () => {
  it('reads default then develop (psf/requests); the editable path entry has no version and is skipped', () => {
    const warnings: string[] = [];
    const entries = parsePipfileLock(
      readFileSync(fixturePath('python', 'apps', 'srv', 'pipenv-app', 'Pipfile.lock')),
      (m) => warnings.push(m),
    )!;
    assert.deepEqual(warnings, []);
    assert.equal(entries.length, 54);
    assert.deepEqual(entries.slice(0, 5), [
      { name: 'certifi', version: '2017.7.27.1' },
      { name: 'chardet', version: '3.0.4' },
      { name: 'idna', version: '2.6' },
      { name: 'pysocks', version: '1.6.7' },
      { name: 'urllib3', version: '1.22' },
    ]);
    assert.equal(entries.filter((e) => e.dev).length, 49);
    assert.deepEqual(
      entries.find((e) => e.name === 'html5lib'),
      {
        name: 'html5lib',
        version: '0.999999999',
        dev: true,
      },
    );
  });

  it('keeps markers and normalises names', () => {
    const lock = {
      default: { Typing_Extensions: { version: '==4.9.0', markers: "python_version < '3.11'" } },
    };
    assert.deepEqual(parsePipfileLock(Buffer.from(JSON.stringify(lock)), assert.fail), [
      { name: 'typing-extensions', version: '4.9.0', marker: "python_version < '3.11'" },
    ]);
  });

  it('warns about a file that is not JSON, and about sections of the wrong shape', () => {
    const warnings: string[] = [];
    assert.equal(
      parsePipfileLock(Buffer.from('{"default": {'), (m) => warnings.push(m)),
      undefined,
    );
    assert.deepEqual(
      parsePipfileLock(Buffer.from('{"default": [], "develop": {"a": {"version": "==1"}}}'), (m) =>
        warnings.push(m),
      ),
      [{ name: 'a', version: '1', dev: true }],
    );
    assert.equal(warnings.length, 2);
    assert.match(warnings[0]!, /^not valid JSON \(/);
    assert.equal(warnings[1], "'default' is not an object; skipped");
  });
});
