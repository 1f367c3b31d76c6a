import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isUnconditional, normalizeName, parseRequirement } from './names.js';

describe('normalizeName (PEP 503)', () => {
  it('lower-cases and folds runs of -, _ and . into one -', () => {
    assert.equal(normalizeName('PyGObject'), 'pygobject');
    assert.equal(normalizeName('charset_normalizer'), 'charset-normalizer');
    assert.equal(normalizeName('zope.interface'), 'zope-interface');
    assert.equal(normalizeName('Foo__-.Bar'), 'foo-bar');
  });
});

describe('parseRequirement (PEP 508)', () => {
  it('reads the name before specifiers, extras and the marker', () => {
    assert.deepEqual(parseRequirement('charset_normalizer<4,>=2'), { name: 'charset-normalizer' });
    assert.deepEqual(parseRequirement("sphinx (>=3.5) ; extra == 'docs'"), {
      name: 'sphinx',
      marker: "extra == 'docs'",
    });
    assert.deepEqual(parseRequirement('build[virtualenv] ; extra == "testing"'), {
      name: 'build',
      marker: 'extra == "testing"',
    });
    assert.equal(parseRequirement('  '), undefined);
    assert.equal(parseRequirement('>=1.0'), undefined);
  });

  it('treats only extra-gated requirements as optional', () => {
    assert.equal(isUnconditional({ name: 'a' }), true);
    assert.equal(isUnconditional({ name: 'a', marker: 'python_version < "3.11"' }), true);
    assert.equal(isUnconditional({ name: 'a', marker: 'extra == "socks"' }), false);
    assert.equal(
      isUnconditional({
        name: 'a',
        marker: '(platform_python_implementation != "PyPy") and extra == \'testing\'',
      }),
      false,
    );
  });
});
