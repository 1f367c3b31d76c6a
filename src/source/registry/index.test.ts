// Pulls real images from a real local registry (Debian's docker-registry) over plain HTTP, anonymously.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { InputError } from '../../errors.js';
import { freePort, pushImage, startRegistry, type TestRegistry } from '../../testing/registry.js';
import { assertPulledImage } from '../../testing/registry-assert.js';
import { buildRegistryTestImages, type RegistryTestImages } from '../../testing/registry-image.js';
import { openRegistrySource } from './index.js';

describe('registry source over plain HTTP', { timeout: 120_000 }, () => {
  let registry: TestRegistry;
  let images: RegistryTestImages;
  let host: string;
  let pushedDigest: string;

  before(async () => {
    images = await buildRegistryTestImages();
    registry = await startRegistry();
    host = registry.host;
    pushedDigest = await pushImage(`oci:${images.layoutDir}:amd64`, `${host}/test/img:v1`);
    await pushImage(`oci:${images.layoutDir}:multi`, `${host}/test/multi:latest`, { all: true });
  });
  after(async () => {
    await registry?.stop();
  });

  test('pulls by tag with --insecure-registry: the real manifest digest, image id, platform and layers', async () => {
    const source = await openRegistrySource(`registry:${host}/test/img:v1`, {
      insecureRegistry: true,
    });
    try {
      assert.equal(pushedDigest, images.amd64.manifestDigest);
      await assertPulledImage(source, images.amd64);
      assert.equal(source.target.input, `registry:${host}/test/img:v1`);
      assert.equal(source.target.name, `${host}/test/img:v1`);
      assert.deepEqual(source.target.repoTags, [`${host}/test/img:v1`]);
      assert.deepEqual(source.target.config?.cmd, ['/bin/sh']);
    } finally {
      await source.close();
    }
  });

  test('pulls by digest, verifying the manifest against it', async () => {
    const ref = `${host}/test/img@${images.amd64.manifestDigest}`;
    const source = await openRegistrySource(ref, { insecureRegistry: true });
    try {
      await assertPulledImage(source, images.amd64);
      assert.equal(source.target.name, ref);
      assert.equal(source.target.repoTags, undefined);
    } finally {
      await source.close();
    }
  });

  test('close() returns at once with layers opened and never read, and ends their streams', async () => {
    const source = await openRegistrySource(`${host}/test/multi`, { insecureRegistry: true });
    const streams = await Promise.all(source.layers.map((layer) => layer.open()));
    const started = Date.now();
    await source.close();
    assert.ok(Date.now() - started < 1000);
    assert.ok(streams.every((stream) => stream.destroyed));
  });

  test('resolves a multi-arch index by platform, linux/amd64 by default', async () => {
    const ref = `${host}/test/multi`;
    const amd64 = await openRegistrySource(ref, { insecureRegistry: true });
    await assertPulledImage(amd64, images.amd64);
    await amd64.close();

    const arm64 = await openRegistrySource(ref, {
      insecureRegistry: true,
      platform: 'linux/arm64',
    });
    await assertPulledImage(arm64, images.arm64);
    assert.deepEqual(arm64.target.repoTags, [`${host}/test/multi:latest`]);
    await arm64.close();

    // The index itself, pinned by digest, resolves the same way.
    const pinned = await openRegistrySource(`${ref}@${images.indexDigest}`, {
      insecureRegistry: true,
      platform: 'linux/arm64',
    });
    assert.equal(pinned.target.manifestDigest, images.arm64.manifestDigest);
    await pinned.close();

    await assert.rejects(
      openRegistrySource(ref, { insecureRegistry: true, platform: 'linux/s390x' }),
      /no image for platform linux\/s390x \(index offers: linux\/amd64, linux\/arm64\)/,
    );
  });

  test('refuses plain HTTP without --insecure-registry, saying so', async () => {
    await assert.rejects(openRegistrySource(`${host}/test/img:v1`), (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.equal(err.subject, `${host}/test/img:v1`);
      assert.match(
        err.problem,
        /TLS handshake with 127\.0\.0\.1:\d+ failed .*only with --insecure-registry/,
      );
      return true;
    });
  });

  test('an unknown tag, repository or digest is "manifest unknown"', async () => {
    await assert.rejects(
      openRegistrySource(`${host}/test/img:nope`, { insecureRegistry: true }),
      (err: unknown) =>
        err instanceof InputError &&
        err.subject === `${host}/test/img:nope` &&
        /^manifest unknown: .*test\/img has no tag nope \(MANIFEST_UNKNOWN/.test(err.problem),
    );
    await assert.rejects(
      openRegistrySource(`${host}/no/such:v1`, { insecureRegistry: true }),
      /manifest unknown: .*no\/such has no tag v1/,
    );
    await assert.rejects(
      openRegistrySource(`${host}/test/img@sha256:${'0'.repeat(64)}`, { insecureRegistry: true }),
      /manifest unknown: .* has no manifest sha256:0{64}/,
    );
  });

  test('connection refused is named, quickly', async () => {
    const port = await freePort();
    const started = Date.now();
    await assert.rejects(
      openRegistrySource(`127.0.0.1:${port}/test/img:v1`, { insecureRegistry: true }),
      new RegExp(
        `connection refused by 127\\.0\\.0\\.1:${port} \\(is a registry listening there\\?\\)`,
      ),
    );
    await assert.rejects(openRegistrySource(`127.0.0.1:${port}/test/img:v1`), /connection refused/);
    assert.ok(Date.now() - started < 5000);
  });

  test('a malformed reference or platform is an InputError before any request', async () => {
    await assert.rejects(openRegistrySource('registry:Bad/Name'), /invalid image reference/);
    await assert.rejects(openRegistrySource(`${host}/x`, { platform: 'linux' }), /OS\/ARCH/);
  });
});
