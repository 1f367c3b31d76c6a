// Reads the header blobs of rpm's SQLite backend (rpmdb.sqlite, rpm 4.16 and later): table Packages(hnum, blob).
// Schema: rpm's lib/backend/sqlite.c; the file is opened from memory with better-sqlite3 (https://www.sqlite.org/fileformat.html).

import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { InputError, messageOf } from '../../errors.js';
import { ProblemLog } from './problems.js';
import type { StoredHeader } from './stored-header.js';

/** better-sqlite3 is a native addon: loaded on first use, so that scans of images without rpm never pay for it. */
let sqlite: typeof BetterSqlite3 | undefined;
function openDatabase(
  ...args: ConstructorParameters<typeof BetterSqlite3>
): BetterSqlite3.Database {
  sqlite ??= createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  return new sqlite(...args);
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
/** File format write/read version bytes (https://www.sqlite.org/fileformat.html#file_format_version_numbers). */
const WRITE_VERSION_OFFSET = 18;
const READ_VERSION_OFFSET = 19;
const WAL_MODE = 2;
const ROLLBACK_MODE = 1;
const PAGE_SIZE_OFFSET = 16;
const PAGE_COUNT_OFFSET = 28;

/**
 * The header blobs of an rpmdb.sqlite file, by ascending hnum. Throws InputError when the file is not a readable
 * SQLite rpm database; when reading stops part-way (a truncated file), warns and returns the rows read so far.
 */
export function readSqliteHeaders(
  content: Buffer,
  subject: string,
  warn: (message: string) => void,
): StoredHeader[] {
  if (content.length < 100 || !content.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) {
    throw new InputError(subject, 'not an SQLite database (no "SQLite format 3" magic)');
  }
  const problems = new ProblemLog(subject);
  const image = readableImage(content, problems);

  let db: BetterSqlite3.Database;
  try {
    db = openDatabase(image, { readonly: true });
  } catch (err) {
    throw new InputError(subject, `unreadable SQLite database: ${messageOf(err)}`, { cause: err });
  }
  const headers: StoredHeader[] = [];
  try {
    const hasTable = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'Packages'")
      .get();
    if (!hasTable) throw new InputError(subject, 'SQLite database has no Packages table');
    const rows = db.prepare('SELECT hnum, blob FROM Packages ORDER BY hnum').iterate();
    for (const row of rows as Iterable<{ hnum: unknown; blob: unknown }>) {
      const where = `hnum ${String(row.hnum)}`;
      if (Buffer.isBuffer(row.blob)) headers.push({ where, blob: row.blob });
      else problems.add(`${where}: blob is not binary`);
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    problems.add(`reading stopped after ${headers.length} row(s): ${messageOf(err)}`);
  } finally {
    db.close();
  }
  problems.finish(headers.length, warn);
  return headers;
}

/**
 * A copy of the file that SQLite will open from memory. rpm keeps its database in WAL mode, and SQLite refuses WAL
 * mode for an in-memory image; marking the copy as a rollback-journal database reads the same pages (a -wal file
 * beside it, if any, is not part of this read). A truncated file declares more pages than it holds, which SQLite
 * treats as corruption before reading anything; declaring the pages held lets it read the rows that survive.
 */
function readableImage(content: Buffer, problems: ProblemLog): Buffer {
  const rawPageSize = content.readUInt16BE(PAGE_SIZE_OFFSET);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const validPageSize = pageSize >= 512 && (pageSize & (pageSize - 1)) === 0;
  const declaredPages = content.readUInt32BE(PAGE_COUNT_OFFSET);
  const pagesHeld = validPageSize ? Math.floor(content.length / pageSize) : 0;
  const truncated = validPageSize && pagesHeld > 0 && declaredPages > pagesHeld;
  const image = Buffer.from(truncated ? content.subarray(0, pagesHeld * pageSize) : content);
  if (image[WRITE_VERSION_OFFSET] === WAL_MODE) image[WRITE_VERSION_OFFSET] = ROLLBACK_MODE;
  if (image[READ_VERSION_OFFSET] === WAL_MODE) image[READ_VERSION_OFFSET] = ROLLBACK_MODE;
  if (truncated) {
    problems.add(
      `truncated: declares ${declaredPages} pages of ${pageSize} bytes, holds ${pagesHeld}`,
    );
    image.writeUInt32BE(pagesHeld, PAGE_COUNT_OFFSET);
  }
  return image;
}
