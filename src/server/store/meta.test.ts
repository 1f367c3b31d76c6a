import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachStoreDialect } from '../../testing/store-dialects.js';
import { getMeta, setMeta } from './meta.js';

forEachStoreDialect('store meta', (open) => {
  it('keeps one value per key, replaced when set again', async () => {
    const store = await open();
    assert.equal(await getMeta(store, 'vulndb'), undefined);
    await setMeta(store, 'vulndb', '2024-03-01T04:00:00.000Z 41230 180455');
    await setMeta(store, 'vulndb', '2024-03-02T04:00:00.000Z 41301 180902');
    assert.equal(await getMeta(store, 'vulndb'), '2024-03-02T04:00:00.000Z 41301 180902');
  });
});
