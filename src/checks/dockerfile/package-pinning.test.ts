import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { packageCommand } from './package-managers.js';
import { unpinnedPackages } from './package-pinning.js';
import type { SimpleCommand } from './shell.js';

const command = (line: string): SimpleCommand => ({
  words: line.split(' '),
  assignments: [],
  line: 1,
  after: 'start',
  pipesOut: false,
});
const unpinned = (line: string) => unpinnedPackages(packageCommand(command(line))!);

describe('package-manager command lines', () => {
  it('finds the subcommand past options that take a value, and sees through sudo', () => {
    const apt = packageCommand(
      command('sudo apt-get -o Dpkg::Options::=--force-confnew -y install curl'),
    )!;
    assert.deepEqual([apt.manager, apt.subcommand, apt.operands], ['apt', 'install', ['curl']]);
    const pip = packageCommand(
      command('python3.12 -m pip install -r req.txt --no-cache-dir flask'),
    )!;
    assert.deepEqual(
      [pip.manager, pip.program, pip.subcommand, pip.operands],
      ['pip', 'python3.12 -m pip', 'install', ['flask']],
    );
    assert.equal(packageCommand(command('make install')), undefined);
  });
});

describe('unpinned packages', () => {
  it('apt-get: name=version pins; a local .deb and a variable are not registry names', () => {
    assert.deepEqual(
      unpinned(
        'apt-get install -y curl=7.88.1-10+deb12u8 git ./x.deb $EXTRA jq/bookworm-backports',
      ),
      ['git', 'jq/bookworm-backports'],
    );
  });

  it('apk: the name after --virtual is a group, not a package', () => {
    assert.deepEqual(unpinned('apk add --no-cache --virtual .deps gcc musl-dev=1.2.5-r0'), ['gcc']);
  });

  it('pip: any PEP 440 specifier, direct reference, path or requirements file counts as pinned', () => {
    assert.deepEqual(
      unpinned(
        'pip install -r r.txt -c c.txt requests>=2 flask==3.0.3 . ./pkg x.whl pkg@https://e/x.zip uvicorn[standard] pip',
      ),
      ['uvicorn[standard]', 'pip'],
    );
  });

  it('npm: a version or range after @ pins, a dist-tag does not; git needs a #commit', () => {
    assert.deepEqual(
      unpinned(
        'npm install -g typescript@5.6.3 @types/node@^22 left-pad @scope/tool express@latest ./local git+https://g/x.git git+https://g/y.git#a1b2c3 x.tgz',
      ),
      ['left-pad', '@scope/tool', 'express@latest', 'git+https://g/x.git'],
    );
  });

  it('gem: name:version or -v pins', () => {
    assert.deepEqual(unpinned('gem install bundler:2.5.22 rake'), ['rake']);
    assert.deepEqual(unpinned('gem install rails -v 7.2.1'), []);
  });
});
