import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Package } from '../model/package.js';
import { buildInventoryWithStats } from '../scan/build-inventory.js';
import { runAnalyzers, type TestLayer } from '../testing/analyzer-harness.js';
import { fixturePath } from '../testing/fixtures.js';
import { appImage } from '../testing/images.js';
import { dpkgAnalyzer } from './dpkg.js';
import { osAnalyzer } from './os-release.js';
import { rubyAnalyzer } from './ruby.js';

function finder(packages: readonly Package[]) {
  return (location: string): Package => {
    const found = packages.filter((p) => p.location === location);
    assert.equal(found.length, 1, `one package from ${location}`);
    return found[0]!;
  };
}

const FILE = { size: 1000, mode: 0o644 };

const byPurl = (packages: readonly Package[], purl: string): Package => {
  const found = packages.filter((p) => p.purl === purl);
  assert.equal(found.length, 1, `one package ${purl}`);
  return found[0]!;
};

/** The gem homes on the app image's disk, with the `name-version` of every specification file in them. */
const DEBIAN_HOMES = [
  'usr/share/rubygems-integration/all/specifications',
  'usr/lib/ruby/gems/3.1.0/specifications',
  'usr/lib/ruby/gems/3.1.0/specifications/default',
  'usr/lib/x86_64-linux-gnu/rubygems-integration/3.1.0/specifications',
];

describe('ruby analyzer on the app image (Debian ruby, ruby-rack, rake)', async () => {
  const rootfs = appImage().rootfs;
  const { inventory } = await buildInventoryWithStats(`dir:${rootfs}`, {
    analyzers: [osAnalyzer, dpkgAnalyzer, rubyAnalyzer],
    noCache: true,
  });
  const gems = inventory.packages.filter((p) => p.type === 'gem');
  const at = finder(gems);
  const onDisk = DEBIAN_HOMES.flatMap((home) =>
    readdirSync(join(rootfs, home))
      .filter((f) => f.endsWith('.gemspec'))
      .map((f) => `${home}/${f}`),
  ).sort();

  it('reports one gem per specification on disk, named and versioned as its file, and nothing else', () => {
    assert.equal(onDisk.length, 92);
    assert.equal(gems.length, 92);
    assert.deepEqual(gems.map((g) => g.location).sort(), onDisk);
    for (const g of gems)
      assert.equal(`${g.name}-${g.version}.gemspec`, g.location.split('/').pop());
    assert.deepEqual(
      inventory.warnings.filter((w) => w.includes('gemspec') || w.includes('Gemfile')),
      [],
    );
  });

  it('rack from ruby-rack: purl, licence, location, managed by its Debian package', () => {
    const rack = at('usr/share/rubygems-integration/all/specifications/rack-2.2.22.gemspec');
    assert.deepEqual(rack, {
      type: 'gem',
      name: 'rack',
      version: '2.2.22',
      licenses: [{ expression: 'MIT' }],
      purl: 'pkg:gem/rack@2.2.22',
      files: [],
      dependsOn: [], // its gemspec names only development dependencies
      layer: 0,
      foundBy: 'ruby',
      location: 'usr/share/rubygems-integration/all/specifications/rack-2.2.22.gemspec',
      managedBy: {
        type: 'deb',
        purl: 'pkg:deb/debian/ruby-rack@2.2.22-0+deb12u1?arch=all&distro=debian-12',
      },
    });
  });

  it('rake is installed twice (rake and libruby3.1): two packages, each managed by its own Debian package', () => {
    const rakes = gems.filter((g) => g.name === 'rake');
    assert.deepEqual(
      rakes.map((g) => [g.purl, g.location, g.managedBy?.purl.split('?')[0]]),
      [
        [
          'pkg:gem/rake@13.0.6',
          'usr/lib/ruby/gems/3.1.0/specifications/rake-13.0.6.gemspec',
          'pkg:deb/debian/libruby3.1@3.1.2-7+deb12u1',
        ],
        [
          'pkg:gem/rake@13.0.6',
          'usr/share/rubygems-integration/all/specifications/rake-13.0.6.gemspec',
          'pkg:deb/debian/rake@13.0.6-3',
        ],
      ],
    );
  });

  it('default gems carry gem.default and their runtime dependencies', () => {
    const json = at('usr/lib/ruby/gems/3.1.0/specifications/default/json-2.6.1.gemspec');
    assert.equal(json.purl, 'pkg:gem/json@2.6.1');
    assert.deepEqual(json.properties, { 'gem.default': 'true' });
    assert.deepEqual(json.licenses, [{ expression: 'Ruby' }]);
    const netHttp = at('usr/lib/ruby/gems/3.1.0/specifications/default/net-http-0.2.0.gemspec');
    assert.deepEqual(netHttp.dependsOn, ['pkg:gem/net-protocol@0.1.2', 'pkg:gem/uri@0.11.0']);
  });

  it('runtime dependencies only: development ones (and their add_dependency mirror) are left out', () => {
    const testUnit = at('usr/lib/ruby/gems/3.1.0/specifications/test-unit-3.5.3.gemspec');
    assert.deepEqual(testUnit.dependsOn, ['pkg:gem/power_assert@2.0.1']);
    assert.deepEqual(testUnit.licenses, [
      { expression: 'Ruby' },
      { text: 'BSDL' },
      { text: 'PSFL' },
    ]);
    const typeprof = at('usr/lib/ruby/gems/3.1.0/specifications/typeprof-0.21.2.gemspec');
    assert.deepEqual(typeprof.dependsOn, ['pkg:gem/rbs@2.1.0']);
    assert.equal(typeprof.properties, undefined);
  });

  it('a gem in another home (ruby-sdbm) and a licence name SPDX lacks (net-telnet "ruby")', () => {
    const sdbm = at(
      'usr/lib/x86_64-linux-gnu/rubygems-integration/3.1.0/specifications/sdbm-1.0.0.gemspec',
    );
    assert.equal(sdbm.managedBy?.purl.split('?')[0], 'pkg:deb/debian/ruby-sdbm@1.0.0-5+b1');
    const telnet = at('usr/share/rubygems-integration/all/specifications/net-telnet-0.2.0.gemspec');
    assert.deepEqual(telnet.licenses, [{ text: 'ruby' }]);
  });

  it('the Gemfile.lock files shipped inside installed gems (rbs, typeprof) are not applications', () => {
    assert.ok(gems.every((g) => g.location.endsWith('.gemspec')));
    assert.equal(
      rubyAnalyzer.wants('usr/lib/ruby/gems/3.1.0/gems/rbs-2.1.0/steep/Gemfile.lock', FILE),
      false,
    );
    assert.equal(rubyAnalyzer.wants('srv/app/Gemfile.lock', FILE), true);
    assert.equal(rubyAnalyzer.wants('srv/app/gems.locked', FILE), true);
    assert.equal(rubyAnalyzer.wants('usr/lib/ruby/3.1.0/rubygems/specification.rb', FILE), false);
    assert.equal(rubyAnalyzer.wants('srv/app/myapp.gemspec', FILE), false);
  });
});

describe('ruby analyzer on a Rails Gemfile.lock with a vendor/bundle gem home', async () => {
  const root = fixturePath('ruby', 'rails-app');
  const { packages, warnings } = await runAnalyzers([rubyAnalyzer], [root]);
  const lock = 'srv/app/Gemfile.lock';
  const home = 'srv/app/vendor/bundle/ruby/3.3.0/specifications';

  it('reports the 22 locked gems less the 4 installed ones (nokogiri in 3 builds, racc), plus the 2 installed', () => {
    assert.deepEqual(warnings, []);
    assert.equal(packages.length, 20);
    assert.deepEqual(
      packages.map((p) => p.purl),
      [
        'pkg:gem/activesupport@8.0.0.alpha',
        'pkg:gem/base64@0.2.0',
        'pkg:gem/bigdecimal@3.1.8',
        'pkg:gem/concurrent-ruby@1.3.3',
        'pkg:gem/connection_pool@2.4.1',
        'pkg:gem/drb@2.2.1',
        'pkg:gem/httpclient@2.8.3',
        'pkg:gem/i18n@1.14.5',
        'pkg:gem/logger@1.6.0',
        'pkg:gem/mini_portile2@2.8.7',
        'pkg:gem/minitest@5.25.0',
        'pkg:gem/nokogiri@1.16.7?platform=x86_64-linux',
        'pkg:gem/psych@5.1.2',
        'pkg:gem/racc@1.8.1',
        'pkg:gem/rdoc@6.7.0',
        'pkg:gem/rouge@4.2.0',
        'pkg:gem/sdoc@3.0.0.alpha',
        'pkg:gem/securerandom@0.3.1',
        'pkg:gem/stringio@3.1.1',
        'pkg:gem/tzinfo@2.0.6',
      ],
    );
  });

  it('the installed nokogiri build: platform qualifier, licence, its runtime dependency racc', () => {
    assert.deepEqual(byPurl(packages, 'pkg:gem/nokogiri@1.16.7?platform=x86_64-linux'), {
      type: 'gem',
      name: 'nokogiri',
      version: '1.16.7',
      licenses: [{ expression: 'MIT' }],
      purl: 'pkg:gem/nokogiri@1.16.7?platform=x86_64-linux',
      files: [],
      dependsOn: ['pkg:gem/racc@1.8.1'],
      layer: 0,
      foundBy: 'ruby',
      location: `${home}/nokogiri-1.16.7-x86_64-linux.gemspec`,
    });
    assert.deepEqual(byPurl(packages, 'pkg:gem/racc@1.8.1').licenses, [
      { expression: 'Ruby' },
      { expression: 'BSD-2-Clause' },
    ]);
  });

  it('a git gem depending on nokogiri points at the installed build', () => {
    assert.deepEqual(byPurl(packages, 'pkg:gem/sdoc@3.0.0.alpha'), {
      type: 'gem',
      name: 'sdoc',
      version: '3.0.0.alpha',
      licenses: [],
      purl: 'pkg:gem/sdoc@3.0.0.alpha',
      files: [],
      dependsOn: [
        'pkg:gem/nokogiri@1.16.7?platform=x86_64-linux',
        'pkg:gem/rdoc@6.7.0',
        'pkg:gem/rouge@4.2.0',
      ],
      layer: 0,
      foundBy: 'ruby',
      location: lock,
      properties: { 'gem.source': 'git' },
    });
  });

  it('the PATH gem and its ten dependencies; GEM entries carry no source property', () => {
    const activesupport = byPurl(packages, 'pkg:gem/activesupport@8.0.0.alpha');
    assert.deepEqual(activesupport.properties, { 'gem.source': 'path' });
    assert.equal(activesupport.dependsOn.length, 10);
    assert.ok(activesupport.dependsOn.includes('pkg:gem/tzinfo@2.0.6'));
    const i18n = byPurl(packages, 'pkg:gem/i18n@1.14.5');
    assert.deepEqual(i18n.dependsOn, ['pkg:gem/concurrent-ruby@1.3.3']);
    assert.equal(i18n.properties, undefined);
    assert.equal(i18n.location, lock);
  });

  it('without the gem home, every platform build in the lock is its own package', async () => {
    const lockText = readFileSync(join(root, lock), 'utf8');
    const only = await runAnalyzers([rubyAnalyzer], [{ [lock]: lockText }]);
    assert.equal(only.packages.length, 22);
    assert.deepEqual(
      only.packages.filter((p) => p.name === 'nokogiri').map((p) => [p.purl, p.dependsOn]),
      [
        ['pkg:gem/nokogiri@1.16.7', ['pkg:gem/mini_portile2@2.8.7', 'pkg:gem/racc@1.8.1']],
        ['pkg:gem/nokogiri@1.16.7?platform=x86_64-darwin', ['pkg:gem/racc@1.8.1']],
        ['pkg:gem/nokogiri@1.16.7?platform=x86_64-linux', ['pkg:gem/racc@1.8.1']],
      ],
    );
    assert.equal(
      byPurl(only.packages, 'pkg:gem/sdoc@3.0.0.alpha').dependsOn.filter((p) =>
        p.startsWith('pkg:gem/nokogiri'),
      ).length,
      3,
    );
  });
});

describe('ruby analyzer across layers and on damaged files', () => {
  const lockPath = 'srv/app/Gemfile.lock';
  const lockText = readFileSync(fixturePath('ruby', 'rails-app', lockPath), 'utf8');
  const racc = readFileSync(
    fixturePath(
      'ruby',
      'rails-app',
      'srv/app/vendor/bundle/ruby/3.3.0/specifications/racc-1.8.1.gemspec',
    ),
    'utf8',
  );

  it('a gem upgraded in a later layer lock belongs to that layer, the rest to the first', async () => {
    const upgraded = lockText.replace('    rouge (4.2.0)', '    rouge (4.3.0)');
    const layers: TestLayer[] = [{ [lockPath]: lockText }, { [lockPath]: upgraded }];
    const { packages } = await runAnalyzers([rubyAnalyzer], layers);
    assert.equal(byPurl(packages, 'pkg:gem/rouge@4.3.0').layer, 1);
    assert.equal(byPurl(packages, 'pkg:gem/rdoc@6.7.0').layer, 0);
    assert.equal(packages.length, 22);
  });

  it('a gem home whose specification is deleted in a later layer no longer reports it', async () => {
    const spec = 'usr/local/bundle/specifications/racc-1.8.1.gemspec';
    const { packages } = await runAnalyzers([rubyAnalyzer], [{ [spec]: racc }, { [spec]: null }]);
    assert.deepEqual(packages, []);
  });

  it('a gemspec with a computed version: a warning naming the file, the other gems still reported', async () => {
    const spec = 'usr/local/bundle/specifications/mygem-1.0.0.gemspec';
    const computed =
      'Gem::Specification.new do |s|\n  s.name = "mygem"\n  s.version = MyGem::VERSION\nend\n';
    const { packages, warnings } = await runAnalyzers(
      [rubyAnalyzer],
      [{ [spec]: computed, 'usr/local/bundle/specifications/racc-1.8.1.gemspec': racc }],
    );
    assert.deepEqual(
      packages.map((p) => p.purl),
      ['pkg:gem/racc@1.8.1'],
    );
    assert.deepEqual(warnings, [
      `layer 0: ${spec}: not a readable gem specification: mygem: no literal version (s.version = "..."); skipped`,
    ]);
  });

  it('binary garbage as a gemspec and as a Gemfile.lock: warnings, no packages, no crash', async () => {
    const garbage = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe, 0x00, 0x41, 0x0a, 0x7f]);
    const { packages, warnings } = await runAnalyzers(
      [rubyAnalyzer],
      [{ 'usr/local/bundle/specifications/x-1.gemspec': garbage, [lockPath]: garbage }],
    );
    assert.deepEqual(packages, []);
    assert.deepEqual(warnings, [
      'layer 0: usr/local/bundle/specifications/x-1.gemspec: not a readable gem specification: no literal name (s.name = "..."); skipped',
      `layer 0: ${lockPath}: no GEM, GIT or PATH section: not a Bundler lock file`,
    ]);
  });

  it('a lock with a merge conflict left in: the readable entries, one warning with the first bad line', async () => {
    const conflicted = lockText.replace(
      '    base64 (0.2.0)\n',
      '<<<<<<< HEAD\n    base64 (0.2.0)\n=======\n    base64 (0.1.1)\n>>>>>>> feature\n',
    );
    const { packages, warnings } = await runAnalyzers([rubyAnalyzer], [{ [lockPath]: conflicted }]);
    assert.deepEqual(warnings, [
      `layer 0: ${lockPath}: 3 lines not understood (first at line 36); skipped`,
    ]);
    // Both sides of the conflict are read: which one the application runs is not for the scanner to guess.
    assert.equal(packages.length, 23);
    assert.deepEqual(
      packages.filter((p) => p.name === 'base64').map((p) => p.version),
      ['0.1.1', '0.2.0'],
    );
  });
});
