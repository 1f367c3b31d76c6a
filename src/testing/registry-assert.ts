// Assertions the registry tests share: a pulled image is the image that was pushed, down to its layer bytes.
// Digests per the OCI image spec: https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { ImageSource } from '../source/source.js';
import type { BuiltImage } from './registry-image.js';

/** Checks the source describes `image` and that every layer streams bytes whose sha256 is the layer digest. */
export async function assertPulledImage(source: ImageSource, image: BuiltImage): Promise<void> {
  assert.equal(source.target.manifestDigest, image.manifestDigest);
  assert.equal(source.target.imageId, image.configDigest);
  assert.deepEqual(source.target.platform, image.platform);
  assert.deepEqual(
    source.layers.map((l) => l.ref.digest),
    image.layerDigests,
  );
  assert.ok(source.layers.length > 0);
  for (const layer of source.layers) {
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of await layer.open()) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
    assert.equal(`sha256:${hash.digest('hex')}`, layer.ref.digest);
    assert.equal(bytes, layer.ref.size);
  }
}
