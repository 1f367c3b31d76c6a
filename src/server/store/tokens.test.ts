import assert from 'node:assert/strict';
import { it } from 'node:test';
import { InputError } from '../../errors.js';
import { forEachStoreDialect } from '../../testing/store-dialects.js';
import { createToken, identifyToken, listTokens, tokenHash } from './tokens.js';
import type { Role } from './types.js';

forEachStoreDialect('API tokens', (open) => {
  it('issues tokens that identify their holder; the store keeps only their hash', async () => {
    const store = await open();
    const admin = await createToken(store, 'admin', 'ops on-call', '2024-03-01T12:00:00.000Z');
    const agent = await createToken(store, 'agent', 'node-1 agent', '2024-03-01T12:05:00.000Z');
    assert.match(admin.token, /^sw_[A-Za-z0-9_-]{43}$/);
    assert.notEqual(admin.token, agent.token);
    assert.deepEqual(await identifyToken(store, agent.token), {
      id: agent.id,
      name: 'node-1 agent',
      role: 'agent',
    });
    assert.deepEqual(await identifyToken(store, admin.token), {
      id: admin.id,
      name: 'ops on-call',
      role: 'admin',
    });

    // Nothing in the table holds the token or a part of it.
    const rows = await store.db.selectFrom('tokens').selectAll().execute();
    const text = JSON.stringify(rows);
    for (const { token } of [admin, agent]) {
      assert.ok(!text.includes(token.slice(3)), 'the token is not stored');
      assert.ok(!text.includes(token.slice(3, 20)), 'no part of it either');
    }
    assert.deepEqual(
      rows.map((r) => r.hash).sort(),
      [tokenHash(admin.token), tokenHash(agent.token)].sort(),
    );
    assert.match(rows[0]!.hash, /^[0-9a-f]{64}$/);

    assert.deepEqual(await listTokens(store), [
      { id: admin.id, name: 'ops on-call', role: 'admin', createdAt: '2024-03-01T12:00:00.000Z' },
      { id: agent.id, name: 'node-1 agent', role: 'agent', createdAt: '2024-03-01T12:05:00.000Z' },
    ]);
  });

  it('knows no other token, and refuses an unknown role or an empty name', async () => {
    const store = await open();
    const { token } = await createToken(store, 'viewer', 'dashboard', '2024-03-01T12:00:00.000Z');
    assert.equal(
      await identifyToken(store, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`),
      undefined,
    );
    assert.equal(await identifyToken(store, token.slice(3)), undefined);
    assert.equal(await identifyToken(store, ''), undefined);
    await assert.rejects(
      createToken(store, 'root' as Role, 'x', '2024-03-01T12:00:00.000Z'),
      InputError,
    );
    await assert.rejects(createToken(store, 'viewer', ' ', '2024-03-01T12:00:00.000Z'), InputError);
  });
});
