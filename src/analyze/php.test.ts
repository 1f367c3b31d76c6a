import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Package } from '../model/package.js';
import { runAnalyzers } from '../testing/analyzer-harness.js';
import { fixturePath } from '../testing/fixtures.js';
import { appImage } from '../testing/images.js';
import { phpAnalyzer } from './php.js';

const FILE = { size: 1000, mode: 0o644 };
const fixture = (...parts: string[]) => readFileSync(fixturePath('php', ...parts), 'utf8');
const INSTALLED = 'vendor/composer/installed.json';

function lookup(packages: readonly Package[]) {
  return (location: string, name: string): Package => {
    const found = packages.filter((p) => p.location === location && p.name === name);
    assert.equal(found.length, 1, `one ${name} from ${location}`);
    return found[0]!;
  };
}

describe('php analyzer on real installed.json (Composer 1 and 2) and composer.lock files', async () => {
  const { packages, warnings } = await runAnalyzers([phpAnalyzer], [fixturePath('php')]);
  const find = lookup(packages);

  it('reports the 13 packages of the four files, sorted, without warnings', () => {
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      packages.map((p) => `${p.purl} ${p.location.split('/')[0]}`),
      [
        'pkg:composer/asm89/stack-cors@1.3.0 composer1',
        'pkg:composer/asm89/stack-cors@1.3.0 composer2',
        'pkg:composer/behat/mink@v1.8.1 composer1',
        'pkg:composer/behat/mink@v1.8.1 composer2',
        'pkg:composer/composer/xdebug-handler@1.3.1 composer-app',
        'pkg:composer/doctrine/instantiator@1.0.5 composer-app',
        'pkg:composer/paragonie/random_compat@v2.0.21 composer2-replace',
        'pkg:composer/psr/log@1.1.0 composer-app',
        'pkg:composer/ramsey/uuid@2.9.0 composer2-replace',
        'pkg:composer/symfony/console@v2.8.48 composer-app',
        'pkg:composer/symfony/debug@v2.8.48 composer-app',
        'pkg:composer/symfony/polyfill-mbstring@v1.10.0 composer-app',
        'pkg:composer/zircote/rhubarb@3.1.1 composer2-replace',
      ],
    );
  });

  it('Composer 1 list: the package as installed, version as written (v1.8.1), no dev flag to read', () => {
    assert.deepEqual(find(`composer1/${INSTALLED}`, 'behat/mink'), {
      type: 'composer',
      name: 'behat/mink',
      version: 'v1.8.1',
      licenses: [{ expression: 'MIT' }],
      purl: 'pkg:composer/behat/mink@v1.8.1',
      files: [],
      dependsOn: [], // symfony/css-selector is required but not installed here
      layer: 0,
      foundBy: 'php',
      location: `composer1/${INSTALLED}`,
      description: 'Browser controller/emulator abstraction for PHP',
    });
  });

  it('Composer 2 object: dev-package-names marks behat/mink as a development package', () => {
    assert.deepEqual(find(`composer2/${INSTALLED}`, 'behat/mink').properties, {
      'composer.dev': 'true',
    });
    assert.equal(find(`composer2/${INSTALLED}`, 'asm89/stack-cors').properties, undefined);
  });

  it('a requirement met through replace (rhumsaa/uuid by ramsey/uuid) and through a plain name', () => {
    const at = `composer2-replace/${INSTALLED}`;
    assert.deepEqual(find(at, 'zircote/rhubarb').dependsOn, ['pkg:composer/ramsey/uuid@2.9.0']);
    assert.deepEqual(find(at, 'zircote/rhubarb').licenses, [{ expression: 'Apache-2.0' }]);
    assert.deepEqual(find(at, 'ramsey/uuid').dependsOn, [
      'pkg:composer/paragonie/random_compat@v2.0.21',
    ]);
  });

  it('composer.lock: packages and packages-dev, edges among them, platform requirements dropped', () => {
    const at = 'composer-app/composer.lock';
    assert.deepEqual(find(at, 'symfony/console').dependsOn, [
      'pkg:composer/symfony/debug@v2.8.48',
      'pkg:composer/symfony/polyfill-mbstring@v1.10.0',
    ]);
    assert.deepEqual(find(at, 'symfony/debug').dependsOn, ['pkg:composer/psr/log@1.1.0']);
    assert.deepEqual(find(at, 'composer/xdebug-handler').dependsOn, ['pkg:composer/psr/log@1.1.0']);
    assert.deepEqual(find(at, 'doctrine/instantiator').properties, { 'composer.dev': 'true' });
    assert.equal(find(at, 'psr/log').properties, undefined);
  });
});

describe('php analyzer: lock beside vendor, layers, the app image, damaged files', () => {
  const lock = fixture('composer-app', 'composer.lock');
  const installed = fixture('composer2', INSTALLED);

  it('a project with vendor/composer/installed.json is reported from it alone, not from its lock', async () => {
    const { packages } = await runAnalyzers(
      [phpAnalyzer],
      [{ 'var/www/composer.lock': lock, [`var/www/${INSTALLED}`]: installed }],
    );
    assert.deepEqual(
      packages.map((p) => [p.purl, p.location]),
      [
        ['pkg:composer/asm89/stack-cors@1.3.0', `var/www/${INSTALLED}`],
        ['pkg:composer/behat/mink@v1.8.1', `var/www/${INSTALLED}`],
      ],
    );
  });

  it('a package added by a later composer install belongs to that layer', async () => {
    const doc = JSON.parse(installed) as { packages: unknown[] };
    const first = JSON.stringify({ ...doc, packages: doc.packages.slice(0, 1) });
    const { packages } = await runAnalyzers(
      [phpAnalyzer],
      [{ [`app/${INSTALLED}`]: first }, { [`app/${INSTALLED}`]: installed }],
    );
    assert.deepEqual(
      packages.map((p) => [p.name, p.layer]),
      [
        ['asm89/stack-cors', 0],
        ['behat/mink', 1],
      ],
    );
  });

  it('wants installed.json under any vendor directory and application locks, not locks shipped in vendor/', () => {
    assert.equal(phpAnalyzer.wants(`srv/app/${INSTALLED}`, FILE), true);
    assert.equal(phpAnalyzer.wants('srv/app/lib/composer/installed.json', FILE), true);
    assert.equal(phpAnalyzer.wants('srv/app/composer.lock', FILE), true);
    assert.equal(phpAnalyzer.wants('srv/app/vendor/symfony/console/composer.lock', FILE), false);
    assert.equal(phpAnalyzer.wants('srv/app/installed.json', FILE), false);
    assert.equal(phpAnalyzer.wants('srv/app/mycomposer.lock', FILE), false);
  });

  it("finds nothing in the app image: Debian's composer ships its libraries without Composer metadata", async () => {
    const { packages, warnings } = await runAnalyzers([phpAnalyzer], [appImage().rootfs]);
    assert.deepEqual(packages, []);
    assert.deepEqual(warnings, []);
  });

  it('truncated JSON and a non-Composer document: a warning naming each file, no packages', async () => {
    const { packages, warnings } = await runAnalyzers(
      [phpAnalyzer],
      [{ [`a/${INSTALLED}`]: installed.slice(0, 300), 'b/composer.lock': '{"content-hash": "x"}' }],
    );
    assert.deepEqual(packages, []);
    assert.equal(warnings.length, 2);
    assert.match(
      warnings[0]!,
      /^layer 0: a\/vendor\/composer\/installed\.json: not valid JSON \(.+\); skipped$/,
    );
    assert.equal(
      warnings[1],
      'layer 0: b/composer.lock: no "packages" or "packages-dev" list: not a Composer lock file; skipped',
    );
  });

  it('an entry without a version: one warning, the other packages reported', async () => {
    const doc = JSON.parse(lock) as { packages: Record<string, unknown>[] };
    delete doc.packages[1]!.version;
    const { packages, warnings } = await runAnalyzers(
      [phpAnalyzer],
      [{ 'app/composer.lock': JSON.stringify(doc) }],
    );
    assert.equal(packages.length, 5);
    assert.ok(packages.every((p) => p.name !== 'psr/log'));
    assert.deepEqual(warnings, [
      'layer 0: app/composer.lock: packages: 1 entry without a name and version (first [1]); skipped',
    ]);
  });
});
