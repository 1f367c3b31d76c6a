import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Package } from '../model/package.js';
import { buildInventoryWithStats } from '../scan/build-inventory.js';
import { runAnalyzers, type TestLayer } from '../testing/analyzer-harness.js';
import { fixturePath } from '../testing/fixtures.js';
import { appImage } from '../testing/images.js';
import { dpkgAnalyzer } from './dpkg.js';
import { pythonAnalyzer } from './python.js';

const SITE = 'opt/venv/lib/python3.11/site-packages';
const DIST = 'usr/lib/python3/dist-packages';
const venv = fixturePath('python', 'venv');
const venvFile = (path: string) => readFileSync(`${venv}/${SITE}/${path}`);

async function scan(...layers: TestLayer[]) {
  const result = await runAnalyzers([pythonAnalyzer], layers);
  const byPurl = (purl: string): Package => {
    const found = result.packages.filter((p) => p.purl === purl);
    assert.equal(found.length, 1, `one package ${purl}`);
    return found[0]!;
  };
  return { ...result, byPurl };
}

describe('python analyzer on the app image (Debian bookworm, python3-requests)', async () => {
  const { packages, warnings, byPurl } = await scan(appImage().rootfs);

  it('finds exactly the 7 distributions importlib.metadata finds in dist-packages', () => {
    // Truth: python3 -c "import importlib.metadata as m; print(sorted((d.metadata['Name'], d.version)
    //   for d in m.distributions(path=['<rootfs>/usr/lib/python3/dist-packages'])))"
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      packages.map((p) => `${p.purl} ${p.location}`),
      [
        `pkg:pypi/certifi@2022.9.24 ${DIST}/certifi-2022.9.24.egg-info/PKG-INFO`,
        `pkg:pypi/chardet@5.1.0 ${DIST}/chardet-5.1.0.dist-info/METADATA`,
        `pkg:pypi/charset-normalizer@3.0.1 ${DIST}/charset_normalizer-3.0.1.dist-info/METADATA`,
        `pkg:pypi/idna@3.3 ${DIST}/idna-3.3.egg-info/PKG-INFO`,
        `pkg:pypi/requests@2.28.1 ${DIST}/requests-2.28.1.egg-info/PKG-INFO`,
        `pkg:pypi/six@1.16.0 ${DIST}/six-1.16.0.egg-info/PKG-INFO`,
        `pkg:pypi/urllib3@1.26.12 ${DIST}/urllib3-1.26.12.egg-info/PKG-INFO`,
      ],
    );
  });

  it('requests: an egg-info whose requires.txt Debian emptied; its licence is free text', () => {
    assert.deepEqual(byPurl('pkg:pypi/requests@2.28.1'), {
      type: 'pypi',
      name: 'requests',
      version: '2.28.1',
      licenses: [{ text: 'Apache 2.0' }],
      purl: 'pkg:pypi/requests@2.28.1',
      files: [],
      dependsOn: [],
      layer: 0,
      foundBy: 'python',
      location: `${DIST}/requests-2.28.1.egg-info/PKG-INFO`,
      description: 'Python HTTP for Humans.',
    });
  });

  it('chardet: a dist-info with RECORD (55 distinct paths), licence from its LGPLv2+ classifier', () => {
    const chardet = byPurl('pkg:pypi/chardet@5.1.0');
    assert.equal(chardet.name, 'chardet');
    assert.deepEqual(chardet.licenses, [{ expression: 'LGPL-2.0-or-later' }]);
    assert.equal(chardet.files.length, 55);
    assert.ok(chardet.files.includes(`${DIST}/chardet/__init__.py`));
    assert.ok(chardet.files.includes('usr/lib/python3/scripts/chardetect')); // RECORD's ../scripts/chardetect
    assert.deepEqual(byPurl('pkg:pypi/certifi@2022.9.24').licenses, [{ expression: 'MPL-2.0' }]);
  });

  it('a scan with dpkg marks each one as managed by its Debian package', async () => {
    const { inventory } = await buildInventoryWithStats(appImage().rootfs, {
      analyzers: [dpkgAnalyzer, pythonAnalyzer],
      noCache: true,
    });
    const pypi = inventory.packages.filter((p) => p.type === 'pypi');
    assert.equal(pypi.length, 7);
    const owners = Object.fromEntries(pypi.map((p) => [p.name, p.managedBy?.purl.split('@')[0]]));
    assert.deepEqual(owners, {
      certifi: 'pkg:deb/debian/python3-certifi',
      chardet: 'pkg:deb/debian/python3-chardet',
      'charset-normalizer': 'pkg:deb/debian/python3-charset-normalizer',
      idna: 'pkg:deb/debian/python3-idna',
      requests: 'pkg:deb/debian/python3-requests',
      six: 'pkg:deb/debian/python3-six',
      urllib3: 'pkg:deb/debian/python3-urllib3',
    });
  });
});

describe('python analyzer on a virtualenv made by python3 -m venv and pip install requests', async () => {
  const { packages, warnings, byPurl } = await scan(venv);

  it('reports the 7 distributions, requests depending on the 4 it requires without extras', () => {
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      packages.map((p) => p.purl),
      [
        'pkg:pypi/certifi@2026.7.22',
        'pkg:pypi/charset-normalizer@3.5.2',
        'pkg:pypi/idna@3.20',
        'pkg:pypi/pip@23.2.1',
        'pkg:pypi/requests@2.34.2',
        'pkg:pypi/setuptools@65.5.0',
        'pkg:pypi/urllib3@2.8.0',
      ],
    );
    assert.deepEqual(byPurl('pkg:pypi/requests@2.34.2').dependsOn, [
      'pkg:pypi/certifi@2026.7.22',
      'pkg:pypi/charset-normalizer@3.5.2',
      'pkg:pypi/idna@3.20',
      'pkg:pypi/urllib3@2.8.0',
    ]);
  });

  it('charset-normalizer: name normalised, files from RECORD relative to the root (../../../bin)', () => {
    const cn = byPurl('pkg:pypi/charset-normalizer@3.5.2');
    assert.equal(cn.name, 'charset-normalizer');
    assert.equal(cn.location, `${SITE}/charset_normalizer-3.5.2.dist-info/METADATA`);
    assert.equal(cn.files.length, 35);
    assert.equal(cn.files[0], 'opt/venv/bin/normalizer');
    assert.ok(cn.files.includes(`${SITE}/charset_normalizer/__init__.py`));
    assert.deepEqual(byPurl('pkg:pypi/idna@3.20').licenses, [{ expression: 'BSD-3-Clause' }]);
  });

  it('pip: no RECORD in the fixture, so no files', () => {
    assert.deepEqual(byPurl('pkg:pypi/pip@23.2.1').files, []);
  });
});

describe('python analyzer on Debian egg-info (a single file, and a directory with requires.txt)', async () => {
  const { packages, warnings } = await scan(fixturePath('python', 'debian-gi'));

  it('PyGObject depends on pycairo, found in the same dist-packages', () => {
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      packages.map((p) => [p.name, p.version, p.location, p.dependsOn]),
      [
        ['pycairo', '1.20.1', `${DIST}/pycairo-1.20.1.egg-info`, []],
        [
          'pygobject',
          '3.42.2',
          `${DIST}/PyGObject-3.42.2.egg-info/PKG-INFO`,
          ['pkg:pypi/pycairo@1.20.1'],
        ],
      ],
    );
  });
});

describe('python analyzer on application lock files', async () => {
  const { packages, warnings, byPurl } = await scan(fixturePath('python', 'apps'));
  const at = (location: string) => packages.filter((p) => p.location === location);

  it('reports every pin of every lock file: 15 + 54 + 5 + 49 + 5', () => {
    assert.deepEqual(warnings, []);
    assert.equal(packages.length, 128);
    assert.equal(at('srv/poetry-app/poetry.lock').length, 15);
    assert.equal(at('srv/pipenv-app/Pipfile.lock').length, 54);
    assert.equal(at('srv/build/requirements.txt').length, 5);
    assert.equal(at('srv/flask/requirements/dev.txt').length, 49);
    assert.equal(at('srv/flask/requirements/tests-pallets-min.txt').length, 5);
  });

  it('poetry.lock: dependency edges within the lock, dev groups as a property', () => {
    const flask = byPurl('pkg:pypi/flask@1.0.3');
    assert.deepEqual(flask, {
      type: 'pypi',
      name: 'flask',
      version: '1.0.3',
      licenses: [],
      purl: 'pkg:pypi/flask@1.0.3',
      files: [],
      dependsOn: [
        'pkg:pypi/click@8.1.8',
        'pkg:pypi/itsdangerous@2.2.0',
        'pkg:pypi/jinja2@3.1.5',
        'pkg:pypi/werkzeug@3.1.3',
      ],
      layer: 0,
      foundBy: 'python',
      location: 'srv/poetry-app/poetry.lock',
    });
    assert.deepEqual(byPurl('pkg:pypi/pytest@5.4.3').properties, { 'python.dev': 'true' });
    assert.equal(byPurl('pkg:pypi/pytest@5.4.3').dependsOn.length, 8);
  });

  it('Pipfile.lock: develop packages carry python.dev; requirements markers ride along', () => {
    assert.deepEqual(byPurl('pkg:pypi/pytest-httpbin@0.0.7').properties, { 'python.dev': 'true' });
    assert.equal(byPurl('pkg:pypi/pysocks@1.6.7').properties, undefined);
    assert.deepEqual(byPurl('pkg:pypi/cffi@1.17.0').properties, {
      'python.marker': 'platform_python_implementation != "PyPy"',
    });
  });
});

describe('python analyzer across layers', () => {
  const upgrade: TestLayer = {
    [`${SITE}/urllib3-2.8.0.dist-info`]: null,
    [`${SITE}/urllib3-2.9.0.dist-info/METADATA`]: venvFile('urllib3-2.8.0.dist-info/METADATA')
      .toString('utf8')
      .replace('Version: 2.8.0', 'Version: 2.9.0'),
    // rewritten unchanged (a chmod, say): requests stays attributed to the layer that installed it
    [`${SITE}/requests-2.34.2.dist-info/METADATA`]: venvFile('requests-2.34.2.dist-info/METADATA'),
  };

  it('attributes each distribution to the layer that introduced its version; deleted ones are gone', async () => {
    const { packages, byPurl } = await scan(venv, upgrade);
    assert.equal(packages.length, 7);
    assert.equal(byPurl('pkg:pypi/urllib3@2.9.0').layer, 1);
    assert.deepEqual(byPurl('pkg:pypi/urllib3@2.9.0').files, []);
    assert.equal(byPurl('pkg:pypi/requests@2.34.2').layer, 0);
    assert.ok(byPurl('pkg:pypi/requests@2.34.2').dependsOn.includes('pkg:pypi/urllib3@2.9.0'));
  });

  it('drops pins already installed, and reports a pin once per directory, from poetry.lock first', async () => {
    const app: TestLayer = {
      'app/requirements.txt': 'requests==2.34.2\nflask==3.1.3\nclick==8.1.8\n',
      'app/poetry.lock': '[[package]]\nname = "Click"\nversion = "8.1.8"\n',
      'other/requirements-prod.txt': 'click==8.1.8\n',
    };
    const { packages } = await scan(venv, app);
    assert.deepEqual(
      packages
        .filter((p) => !p.location.startsWith('opt/'))
        .map((p) => `${p.purl} ${p.location} ${p.layer}`),
      [
        'pkg:pypi/click@8.1.8 app/poetry.lock 1',
        'pkg:pypi/click@8.1.8 other/requirements-prod.txt 1',
        'pkg:pypi/flask@3.1.3 app/requirements.txt 1',
      ],
    );
  });

  it('a lock file rewritten later keeps the layer that first pinned each version', async () => {
    const { byPurl } = await scan(
      { 'srv/requirements.txt': 'six==1.16.0\n' },
      { 'srv/requirements.txt': 'six==1.16.0\nidna==3.3\n' },
    );
    assert.equal(byPurl('pkg:pypi/six@1.16.0').layer, 0);
    assert.equal(byPurl('pkg:pypi/idna@3.3').layer, 1);
  });
});

describe('python analyzer on damaged files', () => {
  it('warns naming each damaged file and reports everything else', async () => {
    const { packages, warnings } = await scan(venv, {
      [`${SITE}/broken-1.0.dist-info/METADATA`]: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]),
      'app/poetry.lock': '[[package]\nname = "x"',
      'app/Pipfile.lock': '{"default": {"six": ',
      'app/requirements.txt': Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x3d, 0x3d]),
    });
    assert.equal(packages.length, 7);
    assert.equal(warnings.length, 3);
    assert.equal(
      warnings[0],
      `layer 1: ${SITE}/broken-1.0.dist-info/METADATA: no Name field; not a Python package's metadata`,
    );
    assert.match(warnings[1]!, /^layer 1: app\/poetry\.lock: not a valid poetry\.lock \(/);
    assert.match(warnings[2]!, /^layer 1: app\/Pipfile\.lock: not valid JSON \(/);
  });
});

describe('pythonAnalyzer.wants', () => {
  const file = { size: 1, mode: 0o644 };
  it('takes metadata anywhere and lock files outside site-packages and dist-packages', () => {
    const wanted = [
      `${SITE}/requests-2.34.2.dist-info/METADATA`,
      `${SITE}/requests-2.34.2.dist-info/RECORD`,
      `${DIST}/six-1.16.0.egg-info/PKG-INFO`,
      `${DIST}/urllib3-1.26.12.egg-info/requires.txt`,
      `${DIST}/foo-1.0.egg-info/installed-files.txt`,
      `${DIST}/pycairo-1.20.1.egg-info`,
      'usr/lib/python2.7/site-packages/foo-1.0-py2.7.egg/EGG-INFO/PKG-INFO',
      'poetry.lock',
      'srv/app/poetry.lock',
      'srv/app/Pipfile.lock',
      'srv/app/requirements.txt',
      'srv/app/requirements-dev.txt',
      'srv/app/requirements/prod.txt',
    ];
    const unwanted = [
      `${SITE}/requests/METADATA`,
      `${SITE}/requests-2.34.2.dist-info/WHEEL`,
      `${SITE}/foo/PKG-INFO`,
      `${SITE}/foo/requirements.txt`,
      `${DIST}/foo/poetry.lock`,
      'srv/app/Cargo.lock',
      'srv/app/mypoetry.lock',
      'srv/app/dev-requirements.txt',
      'srv/app/requirements.in',
      'srv/app/notes.txt',
      'srv/app/requires.txt',
    ];
    for (const path of wanted) assert.equal(pythonAnalyzer.wants(path, file), true, path);
    for (const path of unwanted) assert.equal(pythonAnalyzer.wants(path, file), false, path);
  });
});
