import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apparmorPath, collapsePaths } from './path-globs.js';

describe('apparmorPath', () => {
  it("names any process's /proc directory @{pid}, and its tasks @{tid}", () => {
    assert.equal(apparmorPath('/proc/4711/status'), '/proc/@{pid}/status');
    assert.equal(apparmorPath('/proc/self/fd/3'), '/proc/@{pid}/fd/3');
    assert.equal(
      apparmorPath('/proc/thread-self/attr/current'),
      '/proc/@{pid}/task/@{tid}/attr/current',
    );
    assert.equal(apparmorPath('/proc/4711/task/4712/stat'), '/proc/@{pid}/task/@{tid}/stat');
    assert.equal(apparmorPath('/proc/sys/kernel/ngroups_max'), '/proc/sys/kernel/ngroups_max');
    assert.equal(apparmorPath('/srv/proc/12'), '/srv/proc/12');
  });

  it('escapes what AppArmor would read as a glob, an alternation or a variable', () => {
    assert.equal(apparmorPath('/data/rate[1].json'), '/data/rate\\[1\\].json');
    assert.equal(apparmorPath('/data/{x}*.cfg'), '/data/\\{x\\}\\*.cfg');
    assert.equal(apparmorPath('/data/@{HOME}?'), '/data/@\\{HOME\\}\\?');
    assert.equal(apparmorPath('/data/back\\slash'), '/data/back\\\\slash');
  });

  it('refuses what no rule can name', () => {
    assert.equal(apparmorPath('relative/path'), undefined);
    assert.equal(apparmorPath('/tmp/bad\nname'), undefined);
    assert.equal(apparmorPath('/tmp/nul\0'), undefined);
  });
});

describe('collapsePaths', () => {
  it('keeps a lone file literal and never collapses a top-level directory', () => {
    assert.deepEqual(collapsePaths(['/etc/passwd', '/etc/group', '/etc/shadow']), [
      '/etc/group',
      '/etc/passwd',
      '/etc/shadow',
    ]);
    assert.deepEqual(collapsePaths(['/usr/share/zoneinfo/UTC']), ['/usr/share/zoneinfo/UTC']);
  });

  it('turns two or more files of one directory (depth >= 2) into dir/*', () => {
    assert.deepEqual(collapsePaths(['/var/log/nginx/access.log', '/var/log/nginx/error.log']), [
      '/var/log/nginx/*',
    ]);
  });

  it('turns a tree that fans out into a subdirectory into dir/**, at the shallowest such directory', () => {
    assert.deepEqual(
      collapsePaths([
        '/etc/nginx/nginx.conf',
        '/etc/nginx/mime.types',
        '/etc/nginx/sites-enabled/default',
        '/etc/nginx/modules-enabled/50-mod-http-echo.conf',
        '/etc/passwd',
      ]),
      ['/etc/nginx/**', '/etc/passwd'],
    );
    // /usr/lib/python3.11 fans out; /usr/lib holds only that one entry.
    assert.deepEqual(
      collapsePaths([
        '/usr/lib/python3.11/os.py',
        '/usr/lib/python3.11/json/__init__.py',
        '/usr/lib/python3.11/json/decoder.py',
      ]),
      ['/usr/lib/python3.11/**'],
    );
  });

  it('does not glob a single subdirectory chain, and keeps the directory itself when it was opened too', () => {
    assert.deepEqual(collapsePaths(['/srv/app/a/b/c.txt']), ['/srv/app/a/b/c.txt']);
    assert.deepEqual(collapsePaths(['/srv/app', '/srv/app/x', '/srv/app/sub/y']), [
      '/srv/app',
      '/srv/app/**',
    ]);
  });

  it('is sorted and distinct whatever the input order', () => {
    const paths = ['/b/c/1', '/a', '/b/c/2', '/a'];
    assert.deepEqual(collapsePaths(paths), collapsePaths([...paths].reverse()));
    assert.deepEqual(collapsePaths(paths), ['/a', '/b/c/*']);
  });
});
