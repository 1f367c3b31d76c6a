import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitShell, unwrapCommand } from './shell.js';

/** Lines counted from 1 at each newline of the text, as a Dockerfile RUN spanning several lines would map them. */
function split(text: string) {
  const script = splitShell(text, (offset) => text.slice(0, offset).split('\n').length);
  return {
    hasPipe: script.hasPipe,
    commands: script.commands.map((c) => ({
      words: c.words,
      line: c.line,
      after: c.after,
      ...(c.assignments.length > 0 ? { assignments: c.assignments } : {}),
      ...(c.pipesOut ? { pipesOut: true } : {}),
    })),
  };
}

describe('splitShell', () => {
  it('splits on && || ; | & and newlines, keeping the operator before each command', () => {
    assert.deepEqual(split('a 1 && b || c; d | e & f\ng'), {
      hasPipe: true,
      commands: [
        { words: ['a', '1'], line: 1, after: 'start' },
        { words: ['b'], line: 1, after: '&&' },
        { words: ['c'], line: 1, after: '||' },
        { words: ['d'], line: 1, after: ';', pipesOut: true },
        { words: ['e'], line: 1, after: '|' },
        { words: ['f'], line: 1, after: '&' },
        { words: ['g'], line: 2, after: 'newline' },
      ],
    });
  });

  it('keeps operators inside quotes, removes the quotes, and honours backslash escapes', () => {
    assert.deepEqual(split(`echo 'a && b' "c | \\"d\\"" e\\;f`).commands, [
      { words: ['echo', 'a && b', 'c | "d"', 'e;f'], line: 1, after: 'start' },
    ]);
  });

  it('leaves command substitutions whole, so their pipes are not the script pipes', () => {
    assert.deepEqual(split('v=$(curl -s x | head -1) && echo `a | b` "$(c || d)"'), {
      hasPipe: false,
      commands: [
        { words: [], assignments: ['v=$(curl -s x | head -1)'], line: 1, after: 'start' },
        { words: ['echo', '`a | b`', '$(c || d)'], line: 1, after: '&&' },
      ],
    });
  });

  it('takes leading assignments, reserved words and redirections out of the words', () => {
    assert.deepEqual(
      split(
        'DEBIAN_FRONTEND=noninteractive apt-get install -y x >/dev/null 2>&1\nif true; then make install; fi',
      ).commands,
      [
        {
          words: ['apt-get', 'install', '-y', 'x'],
          assignments: ['DEBIAN_FRONTEND=noninteractive'],
          line: 1,
          after: 'start',
        },
        { words: ['true'], line: 2, after: 'newline' },
        { words: ['make', 'install'], line: 2, after: ';' },
      ],
    );
  });

  it('treats subshell parentheses as separators and skips comments', () => {
    assert.deepEqual(
      split('(cd /src && make) # build it\n# a whole comment line\necho done').commands,
      [
        { words: ['cd', '/src'], line: 1, after: '(' },
        { words: ['make'], line: 1, after: '&&' },
        { words: ['echo', 'done'], line: 3, after: 'newline' },
      ],
    );
  });

  it('skips the body of a here-document opened inside the script', () => {
    assert.deepEqual(
      split("cat <<'CONF' > /etc/app.conf\nsudo = no | yes\nCONF\necho ok").commands,
      [
        { words: ['cat'], line: 1, after: 'start' },
        { words: ['echo', 'ok'], line: 4, after: 'newline' },
      ],
    );
  });

  it('joins a backslash-newline continuation into one command', () => {
    assert.deepEqual(split('apt-get install \\\n  curl').commands, [
      { words: ['apt-get', 'install', 'curl'], line: 1, after: 'start' },
    ]);
  });
});

describe('unwrapCommand', () => {
  it('looks through sudo (with its options) and env (with assignments)', () => {
    assert.deepEqual(unwrapCommand(['sudo', '-E', '-u', 'root', 'apt-get', 'install', 'x']), [
      'apt-get',
      'install',
      'x',
    ]);
    assert.deepEqual(unwrapCommand(['env', '-i', 'A=1', 'pip', 'install', 'y']), [
      'pip',
      'install',
      'y',
    ]);
    assert.deepEqual(unwrapCommand(['make', 'sudo']), ['make', 'sudo']);
  });
});
