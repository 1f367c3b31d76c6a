// Finds rpm package databases in an image and reads any of the three backends into package records.
// Backends as rpm's lib/backend has them: https://github.com/rpm-software-management/rpm/tree/master/lib/backend

import { InputError } from '../../errors.js';
import { readBdbHeaders } from './bdb.js';
import { readNdbHeaders } from './ndb.js';
import { ProblemLog } from './problems.js';
import { GPG_PUBKEY_NAME, parseRpmRecord, type RpmRecord } from './record.js';
import { readSqliteHeaders } from './sqlite.js';
import type { StoredHeader } from './stored-header.js';

export type RpmBackend = 'sqlite' | 'ndb' | 'bdb';

/** Where rpm keeps its database: the classic path, and the one newer Fedora and SUSE releases moved it to. */
export const RPM_DB_DIRS = ['usr/lib/sysimage/rpm', 'var/lib/rpm'] as const;

const BACKEND_FILES: Readonly<Record<string, RpmBackend>> = {
  'rpmdb.sqlite': 'sqlite',
  'Packages.db': 'ndb',
  Packages: 'bdb',
};

/** The backend a path is the package database of, or undefined when it is not one (root-relative path). */
export function rpmBackendOf(path: string): RpmBackend | undefined {
  const slash = path.lastIndexOf('/');
  const dir = path.slice(0, Math.max(slash, 0));
  if (!(RPM_DB_DIRS as readonly string[]).includes(dir)) return undefined;
  return BACKEND_FILES[path.slice(slash + 1)];
}

const READERS: Readonly<
  Record<
    RpmBackend,
    (content: Buffer, subject: string, warn: (m: string) => void) => StoredHeader[]
  >
> = {
  sqlite: readSqliteHeaders,
  ndb: readNdbHeaders,
  bdb: readBdbHeaders,
};

/**
 * The installed packages an rpm database holds, gpg-pubkey pseudo packages left out, in database order. A header that
 * cannot be read is reported through `warn` and skipped; throws InputError when the database itself is unreadable
 * or none of its headers is.
 */
export function readRpmDatabase(
  backend: RpmBackend,
  content: Buffer,
  subject: string,
  warn: (message: string) => void,
): RpmRecord[] {
  const headers = READERS[backend](content, subject, warn);
  const problems = new ProblemLog(subject);
  const records: RpmRecord[] = [];
  let read = 0;
  for (const { where, blob } of headers) {
    try {
      const record = parseRpmRecord(blob, where);
      read++;
      if (record.name !== GPG_PUBKEY_NAME) records.push(record);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      problems.add(err.message);
    }
  }
  problems.finish(read, warn);
  return records;
}
