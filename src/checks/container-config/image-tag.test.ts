import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { imageTag } from './image-tag.js';
import { bareSpec, findingsOf, hardenedCompose, hardenedKubernetes, loc } from './test-specs.js';

const withImage = (image: string) =>
  hardenedKubernetes({
    image: loc('kubernetes', image, '$.spec.template.spec.containers[0].image', 18),
  });

describe('SW-CFG-023 image not pinned', () => {
  it('fires on the latest tag and on no tag, at the image field', () => {
    const findings = findingsOf(
      'SW-CFG-023',
      withImage('nginx'),
      withImage('registry.example.com:5000/shop/web:latest'),
    );
    assert.deepEqual(
      findings.map((f) => [f.title, f.evidence, f.location.line, f.frameworks]),
      [
        [
          'Runs the image registry.example.com:5000/shop/web:latest by the latest tag (Deployment default/web, container app)',
          'registry.example.com:5000/shop/web:latest',
          18,
          { dockle: ['DKL-DI-0006'] },
        ],
        [
          'Runs the untagged image nginx (latest) (Deployment default/web, container app)',
          'nginx',
          18,
          { dockle: ['DKL-DI-0006'] },
        ],
      ],
    );
  });

  it('passes version tags, digests (with or without a tag) and a registry port that is not a tag', () => {
    assert.deepEqual(
      findingsOf(
        'SW-CFG-023',
        withImage('nginx:1.27.3'),
        withImage(`nginx@sha256:${'0'.repeat(64)}`),
        withImage(`nginx:latest@sha256:${'0'.repeat(64)}`),
        withImage('localhost:5000/web:2'),
        hardenedCompose(),
        bareSpec('compose'),
      ),
      [],
    );
    assert.equal(imageTag('localhost:5000/web'), undefined);
    assert.equal(imageTag('localhost:5000/web:2'), '2');
  });
});
