// Key-value facts about the fleet store (which vulnerability database its matches come from), in the meta table.

import type { FleetStore } from './types.js';

export async function getMeta(store: FleetStore, key: string): Promise<string | undefined> {
  const row = await store.db
    .selectFrom('meta')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.value;
}

export async function setMeta(store: FleetStore, key: string, value: string): Promise<void> {
  await store.db
    .insertInto('meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
    .execute();
}
