// The transport against small local HTTP servers that misbehave on purpose (errors, resets, redirects, silence),
// and TLS against a real registry serving a self-signed certificate.

import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { scratchDir } from '../../testing/fixtures.js';
import {
  freePort,
  makeSelfSignedCertificate,
  pushImage,
  startRegistry,
  type TestRegistry,
} from '../../testing/registry.js';
import { assertPulledImage } from '../../testing/registry-assert.js';
import { buildRegistryTestImages, type RegistryTestImages } from '../../testing/registry-image.js';
import { ConnectionError, HttpTransport, readBody } from './client.js';
import { openRegistrySource } from './index.js';

type Handler = (req: IncomingMessage, res: ServerResponse, count: number) => void;

/** Runs `handler` on a loopback HTTP server for the duration of `body`. */
async function withServer(
  handler: Handler,
  body: (base: URL, requests: IncomingMessage[]) => Promise<void>,
): Promise<void> {
  const requests: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    requests.push(req);
    handler(req, res, requests.length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  try {
    await body(new URL(`http://127.0.0.1:${port}/`), requests);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const fast = { retryDelayMs: 10, attempts: 3 };

describe('HTTP transport', () => {
  test('retries 5xx answers with backoff, then returns the success', async () => {
    await withServer(
      (_req, res, n) => (n < 3 ? res.writeHead(503).end('busy') : res.end('ok')),
      async (base, requests) => {
        const transport = new HttpTransport('subject', fast);
        const response = await transport.get(new URL('/v2/', base), {});
        assert.equal(response.status, 200);
        assert.equal((await readBody(response, 100, 's')).toString(), 'ok');
        assert.equal(requests.length, 3);
        await transport.destroy();
      },
    );
  });

  test('gives up after the bounded number of tries and returns the last error status', async () => {
    await withServer(
      (_req, res) => res.writeHead(502).end(),
      async (base, requests) => {
        const transport = new HttpTransport('subject', fast);
        const response = await transport.get(new URL('/v2/', base), {});
        assert.equal(response.status, 502);
        response.body.resume();
        assert.equal(requests.length, 3);
        await transport.destroy();
      },
    );
  });

  test('retries a connection reset by the server', async () => {
    await withServer(
      (req, res, n) => (n === 1 ? req.socket.destroy() : res.end('second time')),
      async (base, requests) => {
        const transport = new HttpTransport('subject', fast);
        const response = await transport.get(new URL('/x', base), {});
        assert.equal((await readBody(response, 100, 's')).toString(), 'second time');
        assert.equal(requests.length, 2);
        await transport.destroy();
      },
    );
  });

  test('follows redirects, dropping Authorization when the origin changes', async () => {
    await withServer(
      (req, res) => res.end(`storage saw auth=${req.headers.authorization ?? 'none'}`),
      async (storage) => {
        await withServer(
          (req, res) => {
            if (req.url === '/v2/blob') res.writeHead(307, { Location: '/v2/blob-here' }).end();
            else if (req.url === '/v2/blob-here')
              res.writeHead(302, { Location: new URL('/data', storage).href }).end();
          },
          async (base, requests) => {
            const transport = new HttpTransport('subject', fast);
            const response = await transport.get(new URL('/v2/blob', base), {
              Authorization: 'Bearer secret',
            });
            assert.equal(response.status, 200);
            assert.equal(response.url.href, new URL('/data', storage).href);
            assert.equal((await readBody(response, 100, 's')).toString(), 'storage saw auth=none');
            assert.match(requests[0]?.headers['user-agent'] ?? '', /^seawall\/\d+\.\d+\.\d+/);
            // The same-origin hop kept the credentials.
            assert.equal(requests[1]?.headers.authorization, 'Bearer secret');
            await transport.destroy();
          },
        );
      },
    );
  });

  test('a redirect loop ends with an error', async () => {
    await withServer(
      (_req, res) => res.writeHead(302, { Location: '/again' }).end(),
      async (base) => {
        const transport = new HttpTransport('subject', { ...fast, maxRedirects: 3 });
        await assert.rejects(transport.get(new URL('/start', base), {}), /too many redirects/);
        await transport.destroy();
      },
    );
  });

  test('a server that never answers times out instead of hanging', async () => {
    await withServer(
      () => {}, // accepts the request and says nothing
      async (base) => {
        const transport = new HttpTransport('subject', {
          attempts: 2,
          retryDelayMs: 10,
          headersTimeoutMs: 200,
        });
        const started = Date.now();
        await assert.rejects(transport.get(new URL('/v2/', base), {}), (err: unknown) => {
          assert.ok(err instanceof ConnectionError);
          assert.equal(err.kind, 'timeout');
          assert.match(err.problem, /timed out talking to 127\.0\.0\.1:\d+/);
          return true;
        });
        assert.ok(Date.now() - started < 3000);
        await transport.destroy();
      },
    );
  });

  test('a body larger than the limit is refused', async () => {
    await withServer(
      (req, res) => {
        if (req.url === '/chunked') {
          res.write(Buffer.alloc(800));
          res.end(Buffer.alloc(800));
        } else res.end(Buffer.alloc(5000));
      },
      async (base) => {
        const transport = new HttpTransport('subject', fast);
        const response = await transport.get(new URL('/big', base), {});
        await assert.rejects(
          readBody(response, 1000, 'big manifest'),
          /exceeds the 1000-byte limit/,
        );
        // Without a Content-Length the limit is enforced while reading.
        const chunked = await transport.get(new URL('/chunked', base), {});
        assert.equal(chunked.header('content-length'), undefined);
        await assert.rejects(
          readBody(chunked, 1000, 'big manifest'),
          /exceeds the 1000-byte limit/,
        );
        await transport.destroy();
      },
    );
  });

  test('connection refused is a ConnectionError of kind refused', async () => {
    const port = await freePort();
    const transport = new HttpTransport('subject', fast);
    await assert.rejects(
      transport.get(new URL(`http://127.0.0.1:${port}/v2/`), {}),
      (err: unknown) => {
        assert.ok(err instanceof ConnectionError);
        assert.equal(err.kind, 'refused');
        return true;
      },
    );
    await transport.destroy();
  });
});

describe('registry over HTTPS with a self-signed certificate', { timeout: 120_000 }, () => {
  const scratch = scratchDir('registry-tls');
  let registry: TestRegistry;
  let images: RegistryTestImages;
  let certFile: string;
  let ref: string;

  before(async () => {
    images = await buildRegistryTestImages();
    const tls = await makeSelfSignedCertificate(scratch.dir, 'registry');
    certFile = tls.certFile;
    registry = await startRegistry({ tls });
    ref = `${registry.host}/secure/img:v1`;
    await pushImage(`oci:${images.layoutDir}:amd64`, ref);
  });
  after(async () => {
    await registry?.stop();
    scratch.remove();
  });

  test('pulls when the certificate is trusted through caCertFile', async () => {
    const source = await openRegistrySource(ref, { caCertFile: certFile });
    try {
      await assertPulledImage(source, images.amd64);
    } finally {
      await source.close();
    }
  });

  test('an untrusted certificate is a clearly named TLS error', async () => {
    await assert.rejects(openRegistrySource(ref), (err: unknown) => {
      assert.ok(err instanceof ConnectionError);
      assert.equal(err.kind, 'tls-certificate');
      assert.match(
        err.problem,
        /^TLS certificate of 127\.0\.0\.1:\d+ is not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT: self[- ]signed certificate\); trust the CA that signed it with --ca-cert FILE/,
      );
      return true;
    });
  });

  test('--insecure-registry pulls over HTTPS without verifying the certificate', async () => {
    const source = await openRegistrySource(ref, { insecureRegistry: true });
    try {
      await assertPulledImage(source, images.amd64);
    } finally {
      await source.close();
    }
  });

  test('an unreadable or non-PEM CA file is an InputError naming the file', async () => {
    await assert.rejects(
      openRegistrySource(ref, { caCertFile: `${certFile}.missing` }),
      /cannot read CA certificate file/,
    );
    await assert.rejects(
      openRegistrySource(ref, { caCertFile: certFile.replace(/\.crt$/, '.key') }),
      /not a PEM certificate file/,
    );
  });
});
