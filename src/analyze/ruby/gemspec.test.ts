import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseGemspec } from './gemspec.js';

describe('parseGemspec', () => {
  it('reads the literal forms RubyGems and hand-written specs use', () => {
    const text = [
      'Gem::Specification.new do |spec|',
      '  spec.name    = %q{net-ssh}',
      "  spec.version = Gem::Version.new('7.2.3')",
      "  spec.license = 'MIT'",
      '  spec.add_dependency(%q<base64>.freeze, [">= 0"])',
      '  spec.add_dependency "ed25519", "~> 1.2"',
      'end',
    ].join('\n');
    assert.deepEqual(parseGemspec(text), {
      spec: {
        name: 'net-ssh',
        version: '7.2.3',
        licenses: ['MIT'],
        runtimeDependencies: ['base64', 'ed25519'],
      },
    });
  });

  it('takes name, version and platform from the stub header when the code computes them', () => {
    const text =
      '# stub: ffi 1.17.0 x86_64-linux-gnu lib\n\nGem::Specification.new do |s|\n  s.name = NAME\n' +
      '  s.version = FFI::VERSION\n  s.licenses = ["BSD-3-Clause".freeze] if true\nend\n';
    assert.deepEqual(parseGemspec(text), {
      spec: {
        name: 'ffi',
        version: '1.17.0',
        platform: 'x86_64-linux-gnu',
        licenses: ['BSD-3-Clause'],
        runtimeDependencies: [],
      },
    });
  });

  it('does not take required_rubygems_version or rubygems_version for the version', () => {
    const text =
      'Gem::Specification.new do |s|\n  s.required_rubygems_version = Gem::Requirement.new(">= 0")\n' +
      '  s.rubygems_version = "3.3.15"\n  s.name = "x"\nend\n';
    assert.deepEqual(parseGemspec(text), { problem: 'x: no literal version (s.version = "...")' });
  });

  it('rejects a name or version RubyGems would not accept', () => {
    assert.deepEqual(parseGemspec('s.name = "a b"\ns.version = "1"\n'), {
      problem: 'name "a b" is not a gem name',
    });
    assert.deepEqual(parseGemspec('s.name = "ab"\ns.version = "one"\n'), {
      problem: 'ab: version "one" is not a gem version',
    });
  });
});
