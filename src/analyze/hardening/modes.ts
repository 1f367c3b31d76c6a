// Files whose permission bits matter to a container's security: setuid and setgid programs, and world-writable paths.
// Bits as chmod(2) defines them (https://man7.org/linux/man-pages/man2/chmod.2.html): S_ISUID, S_ISGID, S_ISVTX, S_IWOTH.

import type { FileEntry } from '../../model/layer.js';
import type { Account } from './account-files.js';
import type { PrivilegedFile, WritablePath } from './evidence.js';

const S_ISUID = 0o4000;
const S_ISGID = 0o2000;
/** The sticky bit: in a shared directory, only a file's owner may delete or rename it (what /tmp relies on). */
const S_ISVTX = 0o1000;
const S_IWOTH = 0o002;

/** Regular files with the setuid or setgid bit, with owner names from the image's own account files. */
export function privilegedFiles(
  entries: readonly FileEntry[],
  users: readonly Account[],
  groups: readonly Account[],
): PrivilegedFile[] {
  const userName = firstNames(users);
  const groupName = firstNames(groups);
  const found: PrivilegedFile[] = [];
  for (const e of entries) {
    if (!isRegular(e) || (e.mode & (S_ISUID | S_ISGID)) === 0) continue;
    const file: PrivilegedFile = {
      path: e.path,
      layer: e.layer,
      mode: e.mode & 0o7777,
      setuid: (e.mode & S_ISUID) !== 0,
      setgid: (e.mode & S_ISGID) !== 0,
      uid: e.uid,
      gid: e.gid,
    };
    const user = userName.get(e.uid);
    const group = groupName.get(e.gid);
    if (user !== undefined) file.user = user;
    if (group !== undefined) file.group = group;
    found.push(file);
  }
  return found;
}

/**
 * Regular files anyone may write, and directories anyone may write without the sticky bit (where anyone may also
 * delete or replace the files of others). Symlinks are always 0777 and mean nothing; /tmp's 1777 is fine.
 */
export function worldWritable(entries: readonly FileEntry[]): WritablePath[] {
  const found: WritablePath[] = [];
  for (const e of entries) {
    if ((e.mode & S_IWOTH) === 0) continue;
    if (isRegular(e))
      found.push({ path: e.path, layer: e.layer, type: 'file', mode: e.mode & 0o7777 });
    else if (e.type === 'dir' && (e.mode & S_ISVTX) === 0)
      found.push({ path: e.path, layer: e.layer, type: 'dir', mode: e.mode & 0o7777 });
  }
  return found;
}

function isRegular(e: FileEntry): boolean {
  return e.type === 'file' || e.type === 'hardlink';
}

/** id -> the first name listed with it (the one `ls -l` shows). */
function firstNames(accounts: readonly Account[]): Map<number, string> {
  const names = new Map<number, string>();
  for (const a of accounts) if (!names.has(a.id)) names.set(a.id, a.name);
  return names;
}
