import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { InputError } from '../errors.js';
import { makeSelfSignedCertificate } from '../testing/certificates.js';
import { scratchDir } from '../testing/fixtures.js';
import {
  AgentClient,
  ServerAuthError,
  ServerRejectedError,
  ServerUnavailableError,
  parseServerUrl,
} from './client.js';
import { startFakeServer, type FakeServer } from './testing-server.js';

const host = { name: 'node-1', labels: {} };

describe('AgentClient over TLS with a private CA', () => {
  const scratch = scratchDir('agent-client');
  let server: FakeServer;
  let ca: string;
  before(async () => {
    const { certFile, keyFile } = await makeSelfSignedCertificate(scratch.dir, 'seawall-server');
    ca = readFileSync(certFile, 'utf8');
    server = await startFakeServer({ cert: ca, key: readFileSync(keyFile, 'utf8') });
  });
  after(async () => {
    await server.close();
    scratch.remove();
  });

  it('reports when the CA is given', async () => {
    const client = new AgentClient({ server: server.url, token: server.token, ca });
    try {
      assert.deepEqual(await client.report(host, []), { accepted: 0, unknownImages: [] });
    } finally {
      await client.close();
    }
  });

  it('treats a certificate it cannot verify as the server being unreachable, saying why', async () => {
    const client = new AgentClient({ server: server.url, token: server.token });
    try {
      await assert.rejects(client.report(host, []), (err: unknown) => {
        assert.ok(err instanceof ServerUnavailableError);
        assert.match(err.message, /self[- ]signed certificate/);
        return true;
      });
    } finally {
      await client.close();
    }
  });
});

describe('AgentClient answers', () => {
  let server: Server;
  let url = '';
  let answer: { status: number; body: string; delayMs?: number } = { status: 200, body: '{}' };
  before(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        setTimeout(() => {
          res.writeHead(answer.status, { 'content-type': 'application/json' });
          res.end(answer.body);
        }, answer.delayMs ?? 0);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prefix`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const attempt = async (timeoutMs?: number) => {
    const client = new AgentClient({ server: url, token: 't', timeoutMs });
    try {
      return await client.report(host, []);
    } finally {
      await client.close();
    }
  };

  it('takes only sha256 digests from unknownImages, sorted and unique', async () => {
    const a = `sha256:${'a'.repeat(64)}`;
    const b = `sha256:${'b'.repeat(64)}`;
    answer = {
      status: 200,
      body: JSON.stringify({ accepted: 2, unknownImages: [b, 'latest', a, b] }),
    };
    assert.deepEqual(await attempt(), { accepted: 2, unknownImages: [a, b] });
  });

  it('classifies 403 as a refused token, 400 and a malformed answer as refusals, 502 and timeouts as away', async () => {
    answer = { status: 403, body: '{"error":"role viewer cannot report"}' };
    await assert.rejects(
      attempt(),
      (e: unknown) => e instanceof ServerAuthError && e.status === 403,
    );
    answer = {
      status: 400,
      body: '{"error":"body/events/0 must have required property \'image\'"}',
    };
    await assert.rejects(attempt(), (e: unknown) => {
      assert.ok(e instanceof ServerRejectedError);
      assert.equal(e.status, 400);
      assert.match(e.message, /\/prefix\/v1\/agent\/report: HTTP 400 \(body\/events\/0 must have/);
      return true;
    });
    answer = { status: 200, body: '{"ok":true}' };
    await assert.rejects(attempt(), ServerRejectedError);
    answer = { status: 502, body: '<html>Bad Gateway</html>' };
    await assert.rejects(attempt(), ServerUnavailableError);
    // undici checks its timeouts about once a second: the server answers well after that.
    answer = { status: 200, body: '{"accepted":0,"unknownImages":[]}', delayMs: 3000 };
    await assert.rejects(attempt(100), (e: unknown) => {
      assert.ok(e instanceof ServerUnavailableError);
      assert.match(e.message, /timed out/);
      return true;
    });
  });
});

describe('parseServerUrl', () => {
  it('accepts http and https URLs, with a path prefix', () => {
    assert.equal(
      parseServerUrl('https://seawall.example:8443').href,
      'https://seawall.example:8443/',
    );
    assert.equal(parseServerUrl('http://10.0.0.1/seawall').href, 'http://10.0.0.1/seawall/');
  });
  it('refuses other schemes, credentials and plain words', () => {
    for (const bad of ['ftp://x', 'https://u:p@x', 'seawall.example', 'https://x/?a=1'])
      assert.throws(() => parseServerUrl(bad), InputError);
  });
});
