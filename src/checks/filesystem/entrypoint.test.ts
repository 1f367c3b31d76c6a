import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ImageConfigSummary } from '../../model/inventory.js';
import { entrypointUse } from './entrypoint.js';

describe('entrypointUse', () => {
  const cases: [string, ImageConfigSummary, { runtimes: string[]; opaque: boolean } | undefined][] =
    [
      ['no command line (a root filesystem)', {}, undefined],
      ['CMD alone', { cmd: ['python3', 'app.py'] }, { runtimes: ['python'], opaque: false }],
      [
        'an absolute, versioned interpreter',
        { cmd: ['/usr/bin/python3.11', '-m', 'http.server'] },
        { runtimes: ['python'], opaque: false },
      ],
      [
        'ENTRYPOINT takes CMD as its arguments',
        { entrypoint: ['/app/server'], cmd: ['node'] },
        { runtimes: [], opaque: false },
      ],
      [
        'tini -- before the program',
        { entrypoint: ['tini', '--'], cmd: ['node', 'server.js'] },
        { runtimes: ['node'], opaque: false },
      ],
      [
        'gosu USER before the program',
        { entrypoint: ['gosu', 'app', 'java', '-jar', 'a.jar'] },
        { runtimes: ['java'], opaque: false },
      ],
      [
        'env with assignments',
        { entrypoint: ['/usr/bin/env', 'NODE_ENV=production', 'node', 'x.js'] },
        { runtimes: ['node'], opaque: false },
      ],
      [
        'sh -c with several commands',
        { entrypoint: ['/bin/sh', '-c', 'cd /app && exec java -Xmx1g -jar app.jar'] },
        { runtimes: ['java'], opaque: false },
      ],
      [
        'bash -lc with quoting',
        { cmd: ['bash', '-lc', 'FOO="a b" ruby -e "puts 1" | cat'] },
        { runtimes: ['ruby'], opaque: false },
      ],
      [
        'an interactive shell runs no runtime',
        { cmd: ['/bin/bash'] },
        { runtimes: [], opaque: false },
      ],
      ['a shell running a script file', { cmd: ['sh', 'start'] }, { runtimes: [], opaque: true }],
      [
        'an entrypoint script',
        { entrypoint: ['docker-entrypoint.sh'], cmd: ['node'] },
        { runtimes: [], opaque: true },
      ],
      [
        'an entrypoint without an extension',
        { entrypoint: ['/usr/local/bin/docker-entrypoint'] },
        { runtimes: [], opaque: true },
      ],
      [
        'sourcing a virtualenv',
        { cmd: ['sh', '-c', '. /venv/bin/activate && gunicorn app:app'] },
        { runtimes: ['python'], opaque: true },
      ],
      [
        'a script by its extension',
        { cmd: ['/app/main.py'] },
        { runtimes: ['python'], opaque: false },
      ],
      ['an ecosystem tool', { cmd: ['npm', 'start'] }, { runtimes: ['node'], opaque: false }],
      [
        'a program named like an object property',
        { cmd: ['constructor'] },
        { runtimes: [], opaque: false },
      ],
      ['Tomcat', { cmd: ['catalina.sh', 'run'] }, { runtimes: ['java'], opaque: false }],
    ];
  for (const [name, config, expected] of cases) {
    it(name, () => {
      const use = entrypointUse(config);
      assert.deepEqual(use && { runtimes: use.runtimes, opaque: use.opaque }, expected);
    });
  }
});
