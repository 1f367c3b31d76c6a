import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCreatedBy, parseHistory, splitAssignments } from './history.js';

describe('parseCreatedBy', () => {
  const cases: [string, ReturnType<typeof parseCreatedBy>][] = [
    // Docker's classic builder.
    ['/bin/sh -c #(nop)  USER root', { instruction: 'USER', args: 'root', buildArgs: [] }],
    [
      '/bin/sh -c #(nop)  ENV DB_PASSWORD=Tr0ub4dor&3',
      { instruction: 'ENV', args: 'DB_PASSWORD=Tr0ub4dor&3', buildArgs: [] },
    ],
    [
      '/bin/sh -c #(nop) ADD file:4b03b5f5 in / ',
      { instruction: 'ADD', args: 'file:4b03b5f5 in /', buildArgs: [] },
    ],
    ['/bin/sh -c #(nop)  CMD ["bash"]', { instruction: 'CMD', args: '["bash"]', buildArgs: [] }],
    ['/bin/sh -c apt-get update', { instruction: 'RUN', args: 'apt-get update', buildArgs: [] }],
    [
      '|1 PASSWORD=hunter2 /bin/sh -c make install',
      {
        instruction: 'RUN',
        args: 'make install',
        buildArgs: [{ name: 'PASSWORD', value: 'hunter2' }],
      },
    ],
    [
      '|2 A=1 B=two words /bin/sh -c echo',
      {
        instruction: 'RUN',
        args: 'echo',
        buildArgs: [
          { name: 'A', value: '1' },
          { name: 'B', value: 'two words' },
        ],
      },
    ],
    // BuildKit.
    [
      'RUN /bin/sh -c apt-get update # buildkit',
      { instruction: 'RUN', args: 'apt-get update', buildArgs: [] },
    ],
    [
      'RUN |1 GITHUB_TOKEN=abc /bin/sh -c git clone x # buildkit',
      {
        instruction: 'RUN',
        args: 'git clone x',
        buildArgs: [{ name: 'GITHUB_TOKEN', value: 'abc' }],
      },
    ],
    [
      'RUN /bin/bash -o pipefail -c curl -fsSL x | sh # buildkit',
      { instruction: 'RUN', args: 'curl -fsSL x | sh', buildArgs: [] },
    ],
    [
      'RUN /bin/ash -eo pipefail -c apk update # buildkit',
      { instruction: 'RUN', args: 'apk update', buildArgs: [] },
    ],
    [
      'RUN apt-get update # buildkit',
      { instruction: 'RUN', args: 'apt-get update', buildArgs: [] },
    ],
    ['USER 0:0', { instruction: 'USER', args: '0:0', buildArgs: [] }],
    ['EXPOSE map[22/tcp:{}]', { instruction: 'EXPOSE', args: 'map[22/tcp:{}]', buildArgs: [] }],
    [
      'ADD https://example.com/x.tgz /opt/ # buildkit',
      { instruction: 'ADD', args: 'https://example.com/x.tgz /opt/', buildArgs: [] },
    ],
    // Windows containers.
    ['cmd /S /C apt-get update', { instruction: 'RUN', args: 'apt-get update', buildArgs: [] }],
    // Not an instruction: other tools' own words.
    [
      "# debian.sh --arch 'amd64' out/ 'bookworm' '@1717977600'",
      {
        args: "# debian.sh --arch 'amd64' out/ 'bookworm' '@1717977600'",
        buildArgs: [],
      },
    ],
    [
      'debootstrap --variant=minbase --include=less bookworm',
      {
        args: 'debootstrap --variant=minbase --include=less bookworm',
        buildArgs: [],
      },
    ],
  ];
  for (const [createdBy, expected] of cases) {
    it(createdBy, () => assert.deepEqual(parseCreatedBy(createdBy), expected));
  }
});

describe('splitAssignments', () => {
  it('reads several NAME=value pairs, values running to the next NAME=', () => {
    assert.deepEqual(splitAssignments('A=1 B=two words C='), [
      { name: 'A', value: '1' },
      { name: 'B', value: 'two words' },
      { name: 'C', value: '' },
    ]);
  });
  it('reads ARG declarations without values', () => {
    assert.deepEqual(splitAssignments('TOKEN'), [{ name: 'TOKEN', value: '' }]);
    assert.deepEqual(splitAssignments('A B=2'), [
      { name: 'A', value: '' },
      { name: 'B', value: '2' },
    ]);
  });
  it('reads the legacy `ENV NAME value` form only when asked', () => {
    assert.deepEqual(splitAssignments('DB_PASSWORD s3cr3t value', { legacyEnv: true }), [
      { name: 'DB_PASSWORD', value: 's3cr3t value' },
    ]);
  });
  it('drops the quotes around a value', () => {
    assert.deepEqual(splitAssignments('A="x y"'), [{ name: 'A', value: 'x y' }]);
  });
});

describe('parseHistory', () => {
  const history = [
    { createdBy: 'debootstrap', emptyLayer: false },
    { createdBy: 'CMD ["/bin/bash"]', emptyLayer: true },
    { createdBy: 'RUN /bin/sh -c true # buildkit', emptyLayer: false },
  ];
  it('maps steps that made a layer to layer indexes in order', () => {
    const steps = parseHistory(history, 2);
    assert.deepEqual(
      steps.map((s) => [s.index, s.instruction, s.layer]),
      [
        [0, undefined, 0],
        [1, 'CMD', undefined],
        [2, 'RUN', 1],
      ],
    );
  });
  it('maps no layers when history and layers disagree in number', () => {
    assert.deepEqual(
      parseHistory(history, 3).map((s) => s.layer),
      [undefined, undefined, undefined],
    );
  });
});
