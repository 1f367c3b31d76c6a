// API tokens: 'sw_' and 32 random bytes (base64url), of which the store keeps only the SHA-256, so a copy of the
// table lets no one in. Base64url: https://www.rfc-editor.org/rfc/rfc4648#section-5

import { createHash, randomBytes } from 'node:crypto';
import { InputError } from '../../errors.js';
import { ROLES, type FleetStore, type Role, type TokenIdentity } from './types.js';

const PREFIX = 'sw_';
const TOKEN_BYTES = 32;
/** 'sw_' and the base64url of 32 bytes (43 characters, no padding). */
const TOKEN_SHAPE = /^sw_[A-Za-z0-9_-]{43}$/;

/** A token as `GET /v1/tokens` lists it: never the token, nor its hash. */
export interface TokenRow extends TokenIdentity {
  createdAt: string;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Issues a token; the token itself is returned once and never stored. */
export async function createToken(
  store: FleetStore,
  role: Role,
  name: string,
  at: string,
): Promise<{ id: number; token: string }> {
  if (!ROLES.includes(role))
    throw new InputError('role', `must be one of ${ROLES.join(', ')}, got ${String(role)}`);
  if (name.trim() === '') throw new InputError('name', 'a token needs a name');
  const token = PREFIX + randomBytes(TOKEN_BYTES).toString('base64url');
  const row = await store.db
    .insertInto('tokens')
    .values({ name, role, hash: tokenHash(token), created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), token };
}

/** Who presents `token`, or undefined for a token the store did not issue. */
export async function identifyToken(
  store: FleetStore,
  token: string,
): Promise<TokenIdentity | undefined> {
  if (!TOKEN_SHAPE.test(token)) return undefined;
  const row = await store.db
    .selectFrom('tokens')
    .select(['id', 'name', 'role'])
    .where('hash', '=', tokenHash(token))
    .executeTakeFirst();
  if (!row || !isRole(row.role)) return undefined;
  return { id: Number(row.id), name: row.name, role: row.role };
}

/** Every issued token, oldest first. */
export async function listTokens(store: FleetStore): Promise<TokenRow[]> {
  const rows = await store.db
    .selectFrom('tokens')
    .select(['id', 'name', 'role', 'created_at'])
    .orderBy('id')
    .execute();
  return rows.flatMap((r) =>
    isRole(r.role)
      ? [{ id: Number(r.id), name: r.name, role: r.role, createdAt: r.created_at }]
      : [],
  );
}

const isRole = (role: string): role is Role => (ROLES as readonly string[]).includes(role);
