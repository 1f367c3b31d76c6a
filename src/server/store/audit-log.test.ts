import assert from 'node:assert/strict';
import { it } from 'node:test';
import { InputError } from '../../errors.js';
import { forEachStoreDialect } from '../../testing/store-dialects.js';
import { appendAudit, listAudit } from './audit-log.js';

forEachStoreDialect('audit log', (open) => {
  it('appends writes and reads them back in order, a page at a time', async () => {
    const store = await open();
    const first = await appendAudit(store, {
      at: '2024-03-01T12:00:00.000Z',
      tokenId: 1,
      role: 'admin',
      method: 'POST',
      path: '/v1/tokens',
      status: 201,
      summary: 'token 2 (agent) node-1 agent',
    });
    for (let i = 0; i < 4; i++)
      await appendAudit(store, {
        at: `2024-03-01T12:0${i + 1}:00.000Z`,
        tokenId: 2,
        role: 'agent',
        method: 'POST',
        path: '/v1/agent/events',
        status: 200,
        summary: `${250 * (i + 1)} events`,
      });
    await appendAudit(store, {
      at: '2024-03-01T12:10:00.000Z',
      method: 'PUT',
      path: `/v1/images/sha256:${'ab'.repeat(32)}/sbom`,
      status: 401,
      summary: 'no token',
    });

    const page = await listAudit(store, { limit: 4 });
    assert.equal(page.items.length, 4);
    assert.deepEqual(page.items[0], {
      id: first,
      at: '2024-03-01T12:00:00.000Z',
      tokenId: 1,
      role: 'admin',
      method: 'POST',
      path: '/v1/tokens',
      status: 201,
      summary: 'token 2 (agent) node-1 agent',
    });
    assert.ok(page.next);
    const rest = await listAudit(store, { limit: 4, after: page.next });
    assert.deepEqual(
      rest.items.map((e) => [e.status, e.summary]),
      [
        [200, '1000 events'],
        [401, 'no token'],
      ],
    );
    assert.equal(rest.items[1]?.tokenId, undefined);
    assert.equal(rest.next, undefined);
    // A numeric `after` is the same cursor.
    assert.deepEqual(await listAudit(store, { after: Number(page.next) }), rest);
    await assert.rejects(listAudit(store, { after: 'yesterday' }), InputError);
  });
});
