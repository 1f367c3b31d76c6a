import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { debianNodeRoot, npmFileRole } from './paths.js';

describe('npmFileRole', () => {
  const cases: [string, ReturnType<typeof npmFileRole>][] = [
    ['srv/app/node_modules/express/package.json', 'installed'],
    ['node_modules/express/package.json', 'installed'],
    ['srv/app/node_modules/@types/node/package.json', 'installed'],
    ['srv/app/node_modules/send/node_modules/ms/package.json', 'installed'],
    ['app/node_modules/.pnpm/a@1.0.0/node_modules/a/package.json', 'installed'],
    ['usr/share/nodejs/acorn/package.json', 'installed'],
    ['usr/share/nodejs/@types/node/package.json', 'installed'],
    ['usr/lib/nodejs/x/package.json', 'installed'],
    ['usr/lib/x86_64-linux-gnu/nodejs/sqlite3/package.json', 'installed'],
    ['usr/share/nodejs/acorn/dist/package.json', 'local'],
    ['srv/app/package.json', 'local'],
    ['package.json', 'local'],
    ['srv/app/node_modules/express/lib/package.json', undefined],
    ['srv/app/node_modules/qs/test/fixtures/package.json', undefined],
    ['srv/app/node_modules/@types/package.json', undefined],
    ['srv/app/node_modules/package.json', undefined],
    ['srv/app/node_modules/.cache/x/package.json', undefined],
    ['srv/app/node_modules/@s/.x/package.json', undefined],
    ['srv/app/package-lock.json', 'lock'],
    ['package-lock.json', 'lock'],
    ['srv/app/npm-shrinkwrap.json', 'lock'],
    ['srv/app/yarn.lock', 'lock'],
    ['srv/app/pnpm-lock.yaml', 'lock'],
    ['srv/app/node_modules/.package-lock.json', undefined],
    ['srv/app/node_modules/foo/yarn.lock', undefined],
    ['usr/lib/ruby/gems/3.1.0/gems/typeprof-0.21.2/vscode/package-lock.json', undefined],
    ['usr/lib/python3/dist-packages/x/package-lock.json', undefined],
    ['srv/php/vendor/twbs/bootstrap/package-lock.json', undefined],
    ['usr/share/doc/x/yarn.lock', undefined],
    ['srv/app/my-package-lock.json', undefined],
    ['srv/myvendor/package-lock.json', 'lock'],
    ['vendor/x/yarn.lock', undefined],
    ['srv/app/Cargo.lock', undefined],
  ];
  for (const [path, role] of cases)
    it(`${path} -> ${role}`, () => assert.equal(npmFileRole(path), role));
});

describe('debianNodeRoot', () => {
  it("Debian's global folders", () => {
    assert.equal(debianNodeRoot('usr/share/nodejs/acorn'), 'usr/share/nodejs');
    assert.equal(
      debianNodeRoot('usr/lib/x86_64-linux-gnu/nodejs/sqlite3'),
      'usr/lib/x86_64-linux-gnu/nodejs',
    );
    assert.equal(debianNodeRoot('srv/app/node_modules/ms'), undefined);
  });
});
