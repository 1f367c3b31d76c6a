import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fixturePath } from '../../testing/fixtures.js';
import { parseEggRequires } from './egg-requires.js';

describe('parseEggRequires', () => {
  it('reads the unconditional requirements of a real requires.txt (Debian PyGObject)', () => {
    const text = readFileSync(
      fixturePath(
        'python',
        'debian-gi',
        'usr/lib/python3/dist-packages/PyGObject-3.42.2.egg-info/requires.txt',
      ),
      'utf8',
    );
    assert.deepEqual(parseEggRequires(text), ['pycairo']);
  });

  it('leaves out [extra] and [extra:marker] sections and keeps [:marker] ones', () => {
    // Debian urllib3 1.26.12's requires.txt, with a [:marker] section added at the end.
    const text = [
      '',
      '[brotli]',
      '',
      '[brotli:(os_name != "nt" or python_version >= "3") and platform_python_implementation == "CPython"]',
      'brotli>=1.0.9',
      '',
      '[secure]',
      'certifi',
      'idna>=2.0.0',
      '',
      '[socks]',
      'PySocks!=1.5.7,<2.0,>=1.5.6',
      '',
      '[:python_version < "3.8"]',
      'typing_extensions',
    ].join('\n');
    assert.deepEqual(parseEggRequires(text), ['typing-extensions']);
  });
});
