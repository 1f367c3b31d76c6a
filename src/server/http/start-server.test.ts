// The API on a real listening socket: HTTPS with a self-signed certificate, plain HTTP, and the one-line errors for
// certificate files that cannot be read or used and for an address in use.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Agent, request } from 'undici';
import { InputError } from '../../errors.js';
import { makeSelfSignedCertificate } from '../../testing/certificates.js';
import { scratchDir } from '../../testing/fixtures.js';
import type { VulnDatabase } from '../../vulndb/database.js';
import { openStore } from '../store/open-store.js';
import type { FleetStore, Role } from '../store/types.js';
import { startServer } from './start-server.js';
import { bearer, testContext, testVulnDb, tokensByRole } from './api-test-kit.js';

describe('startServer', () => {
  let scratch: ReturnType<typeof scratchDir>;
  let store: FleetStore;
  let vulnDb: VulnDatabase;
  let ctx: ReturnType<typeof testContext>;
  let tokens: Record<Role, string>;
  let tls: { certFile: string; keyFile: string };

  before(async () => {
    scratch = scratchDir('fleet-server');
    store = await openStore({ kind: 'sqlite', file: join(scratch.dir, 'fleet.db') });
    vulnDb = await testVulnDb(scratch.dir, 'vulndb');
    ctx = testContext(store, vulnDb);
    tokens = await tokensByRole(store);
    tls = await makeSelfSignedCertificate(scratch.dir, 'fleet');
  });
  after(async () => {
    await store.close();
    vulnDb.close();
    scratch.remove();
  });

  it('serves HTTPS with the certificate given', async () => {
    const server = await startServer(ctx, { port: 0, tls, rateLimit: false });
    const dispatcher = new Agent({ connect: { ca: readFileSync(tls.certFile) } });
    try {
      assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
      const health = await request(`${server.url}/healthz`, { dispatcher });
      assert.equal(health.statusCode, 200);
      assert.deepEqual(await health.body.json(), { status: 'ok' });
      const hosts = await request(`${server.url}/v1/hosts`, {
        dispatcher,
        headers: bearer(tokens.viewer),
      });
      assert.equal(hosts.statusCode, 200);
      assert.deepEqual(await hosts.body.json(), []);
      // The certificate is checked: a client that does not trust it is refused.
      await assert.rejects(request(`${server.url}/healthz`), /self[- ]signed|certificate/i);
    } finally {
      await dispatcher.close();
      await server.close();
    }
  });

  it('serves plain HTTP without one, and stops listening when closed', async () => {
    const server = await startServer(ctx, { port: 0, rateLimit: false });
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await request(`${server.url}/v1/hosts`);
    assert.equal(res.statusCode, 401);
    assert.equal(res.headers['www-authenticate'], 'Bearer realm="seawall"');
    await res.body.dump();
    await server.close();
    await assert.rejects(request(`${server.url}/healthz`), /ECONNREFUSED/);
  });

  it('names a certificate or key file it cannot read', async () => {
    const missing = join(scratch.dir, 'missing.key');
    await assert.rejects(
      startServer(ctx, { port: 0, tls: { certFile: tls.certFile, keyFile: missing } }),
      (err: unknown) =>
        err instanceof InputError && err.subject === missing && err.problem === 'no such file',
    );
  });

  it('refuses a certificate that is not PEM, naming the files', async () => {
    const garbage = join(scratch.dir, 'garbage.crt');
    writeFileSync(garbage, 'not a certificate\n');
    await assert.rejects(
      startServer(ctx, { port: 0, tls: { certFile: garbage, keyFile: tls.keyFile } }),
      (err: unknown) =>
        err instanceof InputError &&
        err.subject === `${garbage}, ${tls.keyFile}` &&
        /^not a usable PEM certificate and key/.test(err.problem),
    );
  });

  it('says so when the address is in use', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      await assert.rejects(
        startServer(ctx, { port }),
        (err: unknown) =>
          err instanceof InputError && err.message === `127.0.0.1:${port}: address already in use`,
      );
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
