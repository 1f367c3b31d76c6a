// Resolves a container's user (`name`, `uid`, `name:group`, `uid:gid`) through the root's /etc/passwd and /etc/group,
// as runc's libcontainer/user does for Docker. Formats: passwd(5) and group(5), https://man7.org/linux/man-pages/man5/passwd.5.html

import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from '../../errors.js';
import { resolveInRoot } from './root-path.js';

export interface ContainerUser {
  uid: number;
  gid: number;
  /** Supplementary groups: the groups of /etc/group that list the user (none when a group was given), sorted. */
  additionalGids: number[];
  /** The user's home directory from /etc/passwd, for HOME ("/" when the user has no entry). */
  home: string;
}

interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

/** Largest account file read: a real one is a few kilobytes. */
const MAX_ACCOUNT_FILE = 4 * 1024 * 1024;

/** `spec` as written by the image config or --user (empty means root); `subject` names it in errors. */
export function resolveContainerUser(
  root: string,
  spec: string | undefined,
  subject: string,
): ContainerUser {
  const text = (spec ?? '').trim() || '0';
  const colon = text.indexOf(':');
  const userPart = colon < 0 ? text : text.slice(0, colon);
  const groupPart = colon < 0 ? undefined : text.slice(colon + 1);
  const passwd = parsePasswd(readAccountFile(root, '/etc/passwd'));
  const numeric = /^\d+$/.test(userPart);
  const entry = numeric
    ? passwd.find((p) => p.uid === Number(userPart))
    : passwd.find((p) => p.name === userPart);
  if (!entry && !numeric)
    throw new InputError(subject, `no user ${JSON.stringify(userPart)} in the image's /etc/passwd`);
  const uid = numeric ? Number(userPart) : entry!.uid;
  const groups = parseGroup(readAccountFile(root, '/etc/group'));
  let gid = entry?.gid ?? 0;
  let additionalGids: number[] = [];
  if (groupPart !== undefined && groupPart !== '') {
    if (/^\d+$/.test(groupPart)) gid = Number(groupPart);
    else {
      const group = groups.find((g) => g.name === groupPart);
      if (!group)
        throw new InputError(
          subject,
          `no group ${JSON.stringify(groupPart)} in the image's /etc/group`,
        );
      gid = group.gid;
    }
  } else if (entry) {
    additionalGids = [
      ...new Set(groups.filter((g) => g.members.includes(entry.name)).map((g) => g.gid)),
    ].sort((a, b) => a - b);
  }
  return { uid, gid, additionalGids, home: entry?.home || '/' };
}

/** An account file of the root, read where the container would find it; empty when it has none. */
function readAccountFile(root: string, path: string): string {
  const host = resolveInRoot(root, path, { followFinal: true });
  let fd: number;
  try {
    fd = openSync(host, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return '';
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return '';
    const size = Math.min(st.size, MAX_ACCOUNT_FILE);
    const buf = Buffer.alloc(size);
    let off = 0;
    while (off < size) {
      const n = readSync(fd, buf, off, size - off, off);
      if (n === 0) break;
      off += n;
    }
    return buf.subarray(0, off).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function parsePasswd(text: string): PasswdEntry[] {
  const out: PasswdEntry[] = [];
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length < 7 || !/^\d+$/.test(f[2]!) || !/^\d+$/.test(f[3]!)) continue;
    out.push({ name: f[0]!, uid: Number(f[2]), gid: Number(f[3]), home: f[5]! });
  }
  return out;
}

function parseGroup(text: string): GroupEntry[] {
  const out: GroupEntry[] = [];
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length < 4 || !/^\d+$/.test(f[2]!)) continue;
    out.push({ name: f[0]!, gid: Number(f[2]), members: f[3]!.split(',').filter((m) => m !== '') });
  }
  return out;
}
