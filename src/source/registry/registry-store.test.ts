// Digest checks against a real registry whose stored blobs were tampered with after the push: the registry serves
// the altered bytes as they are, and the store must notice.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { InputError } from '../../errors.js';
import { pushImage, startRegistry, type TestRegistry } from '../../testing/registry.js';
import { buildRegistryTestImages, type RegistryTestImages } from '../../testing/registry-image.js';
import { openRegistrySource } from './index.js';
import { parseImageReference } from './reference.js';
import { RegistryStore } from './registry-store.js';

/** Flips one byte in the middle of a blob the registry stores, keeping its size. */
function corruptStoredBlob(registry: TestRegistry, digest: string): void {
  const hex = digest.slice('sha256:'.length);
  const file = join(
    registry.storageDir,
    'docker/registry/v2/blobs/sha256',
    hex.slice(0, 2),
    hex,
    'data',
  );
  const bytes = readFileSync(file);
  const middle = Math.floor(bytes.length / 2);
  bytes[middle] = bytes[middle]! ^ 0xff;
  writeFileSync(file, bytes);
}

describe('registry store digest checks', { timeout: 120_000 }, () => {
  let registry: TestRegistry;
  let images: RegistryTestImages;

  before(async () => {
    images = await buildRegistryTestImages();
    registry = await startRegistry();
    await pushImage(`oci:${images.layoutDir}:multi`, `${registry.host}/tampered/img:v1`, {
      all: true,
    });
    corruptStoredBlob(registry, images.amd64.layerDigests[0]!);
    corruptStoredBlob(registry, images.arm64.configDigest);
    corruptStoredBlob(registry, images.indexDigest);
  });
  after(async () => {
    await registry?.stop();
  });

  test('a layer whose bytes do not match its digest fails at the end of its stream', async () => {
    const source = await openRegistrySource(
      `${registry.host}/tampered/img@${images.amd64.manifestDigest}`,
      {
        insecureRegistry: true,
      },
    );
    try {
      const stream = await source.layers[0]!.open();
      await assert.rejects(
        (async () => {
          for await (const chunk of stream) void chunk;
        })(),
        (err: unknown) =>
          err instanceof InputError &&
          err.subject === `${registry.host}/tampered/img@${images.amd64.manifestDigest}` &&
          err.problem === `layer content does not match its digest ${images.amd64.layerDigests[0]}`,
      );
    } finally {
      await source.close();
    }
  });

  test('a config that does not match its digest is refused', async () => {
    await assert.rejects(
      openRegistrySource(`${registry.host}/tampered/img@${images.arm64.manifestDigest}`, {
        insecureRegistry: true,
        platform: 'linux/arm64',
      }),
      new RegExp(`: content does not match its digest ${images.arm64.configDigest}$`),
    );
  });

  test('a manifest pulled by digest must hash to that digest', async () => {
    await assert.rejects(
      openRegistrySource(`${registry.host}/tampered/img@${images.indexDigest}`, {
        insecureRegistry: true,
      }),
      /manifest served does not match the requested digest/,
    );
  });
});

test(
  'a blob download that breaks off is an InputError on the stream, not a hang',
  { timeout: 30_000 },
  async () => {
    const digest = `sha256:${'b'.repeat(64)}`;
    // Promises 1000 bytes, sends 100, then drops the connection.
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Length': '1000' });
      res.write(Buffer.alloc(100), () => res.socket?.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const store = new RegistryStore({
      reference: parseImageReference(`127.0.0.1:${port}/broken/img:v1`),
      subject: 'broken-ref',
      lookup: { configFile: '/nonexistent/config.json' },
      insecure: true,
    });
    try {
      const stream = await store.openBlob({ digest, mediaType: '', size: 1000 });
      await assert.rejects(
        (async () => {
          for await (const chunk of stream) void chunk;
        })(),
        (err: unknown) =>
          err instanceof InputError &&
          err.subject === 'broken-ref' &&
          err.problem.startsWith(`download of blob ${digest} failed`),
      );
    } finally {
      await store.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  },
);
