// Rows per multi-row statement and ids per `in (...)` list: well under SQLite's 32,766 and PostgreSQL's 65,535
// bound parameters whatever the row width, so every writer and reader of the store slices the same way.

export const ROWS_PER_STATEMENT = 1000;

/** `items` in slices of at most `size`, in order. */
export function chunks<T>(items: readonly T[], size = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
