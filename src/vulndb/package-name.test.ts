// Package names as advisories and installed packages are compared: PEP 503 for PyPI, case folding for NuGet and
// Composer, everything else exactly as written.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizePackageName } from './package-name.js';

describe('normalizePackageName', () => {
  it('PyPI: lowercase, and every run of - _ . becomes one - (PEP 503)', () => {
    assert.equal(normalizePackageName('PyPI', 'Django'), 'django');
    assert.equal(normalizePackageName('PyPI', 'jw.util'), 'jw-util');
    assert.equal(normalizePackageName('PyPI', 'zope.interface'), 'zope-interface');
    assert.equal(normalizePackageName('PyPI', 'Foo__Bar.-_baz'), 'foo-bar-baz');
    assert.equal(normalizePackageName('PyPI', 'ruamel.yaml.clib'), 'ruamel-yaml-clib');
  });

  it('takes the purl type of an installed package as well as the OSV ecosystem name', () => {
    assert.equal(normalizePackageName('pypi', 'PyYAML'), 'pyyaml');
    assert.equal(normalizePackageName('nuget', 'Newtonsoft.Json'), 'newtonsoft.json');
    assert.equal(normalizePackageName('composer', 'Symfony/HTTP-Kernel'), 'symfony/http-kernel');
  });

  it('NuGet and Packagist: case-insensitive, punctuation kept', () => {
    assert.equal(
      normalizePackageName('NuGet', 'System.Text.Encodings.Web'),
      'system.text.encodings.web',
    );
    assert.equal(normalizePackageName('Packagist', 'Guzzlehttp/Guzzle'), 'guzzlehttp/guzzle');
    assert.equal(
      normalizePackageName('Packagist:https://packages.drupal.org/8', 'drupal/Webform'),
      'drupal/webform',
    );
  });

  it('keeps case-sensitive names as written', () => {
    assert.equal(
      normalizePackageName('Maven', 'org.apache.logging.log4j:log4j-core'),
      'org.apache.logging.log4j:log4j-core',
    );
    assert.equal(
      normalizePackageName('Maven', 'com.fasterxml.jackson.core:jackson-databind'),
      'com.fasterxml.jackson.core:jackson-databind',
    );
    assert.equal(
      normalizePackageName('Go', 'github.com/BurntSushi/toml'),
      'github.com/BurntSushi/toml',
    );
    assert.equal(normalizePackageName('npm', 'JSONStream'), 'JSONStream');
    assert.equal(normalizePackageName('crates.io', 'tokio_util'), 'tokio_util');
    assert.equal(normalizePackageName('RubyGems', 'RedCloth'), 'RedCloth');
    assert.equal(normalizePackageName('Debian', 'xorg-server'), 'xorg-server');
  });
});
