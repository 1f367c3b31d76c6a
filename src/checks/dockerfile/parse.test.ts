import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fixturePath } from '../../testing/fixtures.js';
import {
  parseDockerfile,
  parseImageReference,
  stageChain,
  substituteVariables,
  variablesAt,
} from './parse.js';

const fixture = (name: string) => readFileSync(fixturePath('dockerfile', name), 'utf8');

describe('parseDockerfile: stages', () => {
  const model = parseDockerfile(fixture('clean.Dockerfile'));

  it('finds the build arguments before the first FROM and resolves FROM with them', () => {
    assert.deepEqual(model.globalArgs, [{ name: 'PYTHON_VERSION', value: '3.12.7', line: 2 }]);
    assert.deepEqual(
      model.stages.map((s) => ({
        line: s.line,
        image: s.image,
        alias: s.alias,
        isFinal: s.isFinal,
      })),
      [
        {
          line: 4,
          image: {
            written: 'python:${PYTHON_VERSION}-slim-bookworm',
            resolved: 'python:3.12.7-slim-bookworm',
            repository: 'python',
            tag: '3.12.7-slim-bookworm',
          },
          alias: 'build',
          isFinal: false,
        },
        {
          line: 19,
          image: {
            written: 'python:${PYTHON_VERSION}-slim-bookworm',
            resolved: 'python:3.12.7-slim-bookworm',
            repository: 'python',
            tag: '3.12.7-slim-bookworm',
          },
          alias: undefined,
          isFinal: true,
        },
      ],
    );
  });

  it('gives every instruction its stage and 1-based lines, a continued one from first to last line', () => {
    const run = model.stages[0]!.instructions.find((i) => i.keyword === 'RUN')!;
    assert.deepEqual([run.stage, run.line, run.endLine], [0, 9, 13]);
    assert.equal(
      run.text,
      'apt-get update && apt-get install -y --no-install-recommends build-essential=12.9 libpq-dev=15.8-0+deb12u1 && rm -rf /var/lib/apt/lists/*',
    );
    assert.deepEqual(
      run.shell!.commands.map((c) => [c.line, c.words[0], c.words[1]]),
      [
        [9, 'apt-get', 'update'],
        [10, 'apt-get', 'install'],
        [13, 'rm', '-rf'],
      ],
    );
  });

  it('tells exec form from shell form and reads flags', () => {
    const final = model.stages[1]!;
    const byKeyword = (k: string) => final.instructions.filter((i) => i.keyword === k);
    assert.deepEqual(byKeyword('ENTRYPOINT')[0]!.args, ['gunicorn', '--bind', '0.0.0.0:8000']);
    assert.equal(byKeyword('ENTRYPOINT')[0]!.form, 'exec');
    assert.deepEqual(byKeyword('COPY')[1]!.flags, [
      { name: 'from', value: 'build' },
      { name: 'chown', value: 'app:app' },
    ]);
    assert.deepEqual(
      byKeyword('HEALTHCHECK')[0]!.flags.map((f) => f.name),
      ['interval', 'timeout'],
    );
    assert.deepEqual(model.stages[0]!.instructions.find((i) => i.keyword === 'ENV')!.definitions, [
      { name: 'PIP_NO_CACHE_DIR', value: '1', line: 6 },
      { name: 'PIP_DISABLE_PIP_VERSION_CHECK', value: '1', line: 7 },
    ]);
  });

  it('links a stage built FROM an earlier one, and only an earlier one', () => {
    const m = parseDockerfile('FROM a:1 AS Base\nFROM base\nFROM later\nFROM b:2 AS later\n');
    assert.deepEqual(
      m.stages.map((s) => s.parent),
      [undefined, 0, undefined, undefined],
    );
    assert.deepEqual(
      stageChain(m, m.stages[1]!).map((s) => s.index),
      [0, 1],
    );
  });
});

describe('parseDockerfile: RUN scripts', () => {
  it('drops comment lines inside a continued RUN and keeps each command on its own line', () => {
    const m = parseDockerfile(
      'FROM x:1\nRUN apt-get update && \\\n    # refresh first\n    apt-get install -y a \\\n      | tee log\n',
    );
    const run = m.instructions[1]!;
    assert.equal(run.text, 'apt-get update && apt-get install -y a | tee log');
    assert.equal(run.shell!.hasPipe, true);
    assert.deepEqual(
      run.shell!.commands.map((c) => [c.line, c.words.join(' '), c.pipesOut]),
      [
        [2, 'apt-get update', false],
        [4, 'apt-get install -y a', true],
        [5, 'tee log', false],
      ],
    );
  });

  it('reads an exec-form RUN as one command, or as its script when it is sh -c', () => {
    const m = parseDockerfile(
      'FROM x:1\nRUN ["apt-get", "install", "a b"]\nRUN ["/bin/sh", "-c", "echo hi | cat"]\n',
    );
    assert.deepEqual(
      m.instructions[1]!.shell!.commands.map((c) => c.words),
      [['apt-get', 'install', 'a b']],
    );
    assert.deepEqual(
      m.instructions[2]!.shell!.commands.map((c) => c.words),
      [['echo', 'hi'], ['cat']],
    );
    assert.equal(m.instructions[2]!.shell!.hasPipe, true);
  });

  it('runs a here-document as the script when the RUN line is only the marker, not when it feeds a program', () => {
    const m = parseDockerfile(fixture('heredoc.Dockerfile'));
    const [shellDoc, pythonDoc] = m.instructions.filter((i) => i.keyword === 'RUN');
    assert.deepEqual(
      shellDoc!.shell!.commands.map((c) => [c.line, c.words.slice(0, 2).join(' ')]),
      [
        [4, 'set -e'],
        [5, 'apt-get update'],
        [6, 'apt-get install'],
      ],
    );
    assert.deepEqual(
      pythonDoc!.shell!.commands.map((c) => c.words),
      [['python3']],
    );
  });

  it('follows the escape directive: a backquote continues lines', () => {
    const m = parseDockerfile(fixture('escape-backtick.Dockerfile'));
    assert.equal(m.escape, '`');
    const run = m.instructions.find((i) => i.keyword === 'RUN')!;
    assert.deepEqual([run.line, run.endLine], [4, 5]);
    assert.equal(run.text, 'Get-ChildItem C:\\ | Select-Object Name');
    assert.deepEqual(m.instructions.find((i) => i.keyword === 'SHELL')!.args[0], 'powershell');
  });

  it('collects whole-line comments outside instructions, parser directives included', () => {
    const m = parseDockerfile(fixture('suppressed.Dockerfile'));
    assert.deepEqual(
      m.comments.map((c) => c.line),
      [1, 2, 3, 10, 11, 13],
    );
    assert.equal(m.comments[1]!.text, 'seawall:ignore=SW-DF-024');
  });
});

describe('image references and variables', () => {
  it('splits repository, tag and digest; a colon before the last slash is a registry port', () => {
    assert.deepEqual(parseImageReference('registry.example.com:5000/team/app'), {
      written: 'registry.example.com:5000/team/app',
      resolved: 'registry.example.com:5000/team/app',
      repository: 'registry.example.com:5000/team/app',
    });
    assert.deepEqual(parseImageReference('alpine:3.20@sha256:abc'), {
      written: 'alpine:3.20@sha256:abc',
      resolved: 'alpine:3.20@sha256:abc',
      repository: 'alpine',
      tag: '3.20',
      digest: 'sha256:abc',
    });
  });

  it('substitutes $VAR, ${VAR}, ${VAR:-default} and ${VAR:+alt}; an unknown variable leaves it unresolved', () => {
    const vars = new Map<string, string | null>([
      ['A', 'one'],
      ['EMPTY', ''],
      ['NONE', null],
    ]);
    assert.equal(substituteVariables('$A/${A}', vars), 'one/one');
    assert.equal(substituteVariables('${EMPTY:-dflt}:${A:+set}:${NONE:+x}', vars), 'dflt:set:');
    assert.equal(substituteVariables('${NONE:-fallback}', vars), 'fallback');
    assert.equal(substituteVariables('img:$NONE', vars), undefined);
    assert.equal(substituteVariables('img:${MISSING}', vars), undefined);
  });

  it('gives an instruction the ENV of parent stages and its own stage ARG (global default when redeclared bare)', () => {
    const m = parseDockerfile(
      'ARG V=1.0\nFROM a:1 AS base\nENV HOME_DIR=/srv\nFROM base\nARG V\nARG W\nENV APP=$HOME_DIR/app\nWORKDIR $APP\n',
    );
    const final = m.stages[1]!;
    const vars = variablesAt(m, final, 8);
    assert.deepEqual(Object.fromEntries(vars), {
      HOME_DIR: '/srv',
      V: '1.0',
      W: null,
      APP: '/srv/app',
    });
  });
});
