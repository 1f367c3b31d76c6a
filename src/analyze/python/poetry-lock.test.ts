import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fixturePath } from '../../testing/fixtures.js';
import { parsePoetryLock } from './poetry-lock.js';

describe('parsePoetryLock', () => {
  it('reads a Poetry 2 lock: groups decide dev, dependencies normalised', () => {
    const warnings: string[] = [];
    const entries = parsePoetryLock(
      readFileSync(fixturePath('python', 'apps', 'srv', 'poetry-app', 'poetry.lock')),
      (m) => warnings.push(m),
    )!;
    assert.deepEqual(warnings, []);
    assert.equal(entries.length, 15);
    assert.deepEqual(
      entries.find((e) => e.name === 'flask'),
      {
        name: 'flask',
        version: '1.0.3',
        dependencies: ['click', 'itsdangerous', 'jinja2', 'werkzeug'],
      },
    );
    assert.deepEqual(
      entries.find((e) => e.name === 'atomicwrites'),
      {
        name: 'atomicwrites',
        version: '1.4.1',
        dev: true,
        marker: 'sys_platform == "win32"',
      },
    );
    // in both main and dev: not dev-only; its markers table (one per group) is not a single marker
    assert.deepEqual(
      entries.find((e) => e.name === 'colorama'),
      { name: 'colorama', version: '0.4.6' },
    );
    assert.deepEqual(
      entries.filter((e) => e.dev).map((e) => e.name),
      ['atomicwrites', 'attrs', 'more-itertools', 'packaging', 'py', 'pytest', 'wcwidth'],
    );
  });

  it('reads a Poetry 1 lock: category = "dev"', () => {
    const text = [
      '[[package]]',
      'category = "dev"',
      'name = "Sphinx_RTD.theme"',
      'version = "1.0.0"',
      '',
      '[[package]]',
      'category = "main"',
      'name = "six"',
      'version = "1.16.0"',
      '',
      '[[package]]',
      'name = "broken"',
    ].join('\n');
    const warnings: string[] = [];
    assert.deepEqual(
      parsePoetryLock(Buffer.from(text), (m) => warnings.push(m)),
      [
        { name: 'sphinx-rtd-theme', version: '1.0.0', dev: true },
        { name: 'six', version: '1.16.0' },
      ],
    );
    assert.deepEqual(warnings, ['1 [[package]] entries without a name and version skipped']);
  });

  it('warns and gives nothing for a file that is not TOML', () => {
    const warnings: string[] = [];
    assert.equal(
      parsePoetryLock(Buffer.from('[[package]\nname = '), (m) => warnings.push(m)),
      undefined,
    );
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /^not a valid poetry\.lock \(/);
  });
});
