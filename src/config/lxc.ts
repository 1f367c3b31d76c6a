// Reads an LXC container configuration file (`key = value` lines of `lxc.*` keys) into a ContainerSpec.
// Format: lxc.container.conf(5), https://linuxcontainers.org/lxc/manpages/man5/lxc.container.conf.5.html

import { basename, dirname, extname } from 'node:path';
import { InputError } from '../errors.js';
import { capabilityName, DOCKER_DEFAULT_CAPABILITIES } from './capabilities.js';
import type { ContainerSpec, Located, Mount, Origin } from './container-spec.js';
import { withoutUndefined } from './document-fields.js';
import { jsonPath } from './documents.js';
import { parseByteSize, propagationOf, selinuxContext } from './docker-options.js';
import type { ConfigRead } from './reader.js';
import { sortMounts, sortSysctls, uniqueSorted } from './spec-order.js';

interface Entry {
  key: string;
  value: string;
  at: Origin;
}

const KEY_LINE = /^\s*(lxc\.[A-Za-z0-9_.-]+)\s*=\s?(.*?)\s*$/;
const SKIPPED = /^\s*(#.*)?$/;

/** Whether `text` is an LXC configuration: every line a comment, blank, or an `lxc.` key, and at least one key. */
export function isLxcConfig(text: string): boolean {
  let keys = 0;
  for (const line of text.split(/\r?\n/)) {
    if (SKIPPED.test(line)) continue;
    if (!KEY_LINE.test(line)) return false;
    keys++;
  }
  return keys > 0;
}

/**
 * The container an LXC configuration describes; undefined when the text is not one. Files pulled in with
 * `lxc.include` (the distribution's common.conf, which usually drops capabilities and sets the seccomp and AppArmor
 * profiles) live on the host and are not followed: only what this file says is reported.
 */
export function readLxc(text: string, file: string): ConfigRead | undefined {
  if (!isLxcConfig(text)) return undefined;
  const entries = parseEntries(text, file);
  const all = (...keys: string[]) => entries.filter((e) => keys.includes(e.key));
  const last = (...keys: string[]) => all(...keys).at(-1);
  const nameEntry = last('lxc.uts.name');
  const name = nameEntry?.value || nameFromFile(file);
  const { capAdd, capDrop } = capabilities(all('lxc.cap.drop'), all('lxc.cap.keep'));
  const namespaces = hostNamespaces(entries);
  const seccomp = last('lxc.seccomp.profile', 'lxc.seccomp');
  const apparmor = last('lxc.apparmor.profile', 'lxc.aa_profile');
  const selinux = last('lxc.selinux.context', 'lxc.se_context');
  const label = selinux && selinuxContext(selinux.value);
  const rootfsOptions = last('lxc.rootfs.options');
  const noNewPrivs = last('lxc.no_new_privs');
  const { mounts, devices } = mountEntries(all('lxc.mount.entry'), all('lxc.mount.auto'), file);
  const spec = withoutUndefined<ContainerSpec>({
    input: 'lxc',
    file,
    resource: { kind: 'container', name },
    container: { name, at: nameEntry?.at ?? { file, jsonPath: '$' } },
    capAdd,
    capDrop,
    hostPid: namespaces.get('pid'),
    hostIpc: namespaces.get('ipc'),
    hostUts: namespaces.get('uts'),
    hostNetwork: namespaces.get('net'),
    hostUserns: hostUser(namespaces.get('user'), all('lxc.idmap', 'lxc.id_map'), file),
    mounts: sortMounts(mounts),
    // An empty value clears the profile an included file set: no filter.
    seccomp: seccomp && { value: seccomp.value || 'unconfined', at: seccomp.at },
    apparmor: apparmor?.value ? { value: apparmor.value, at: apparmor.at } : undefined,
    selinux: label && selinux ? { value: label, at: selinux.at } : undefined,
    noNewPrivileges: noNewPrivs && { value: flag(noNewPrivs, file), at: noNewPrivs.at },
    readOnlyRootfs: rootfsOptions && {
      value: rootfsOptions.value.split(',').includes('ro'),
      at: rootfsOptions.at,
    },
    memoryLimit: memoryLimit(
      last('lxc.cgroup2.memory.max', 'lxc.cgroup.memory.limit_in_bytes'),
      file,
    ),
    cpuLimit: cpuLimit(entries, file),
    pidsLimit: pidsLimit(last('lxc.cgroup2.pids.max', 'lxc.cgroup.pids.max'), file),
    ports: [],
    devices: uniqueSorted(devices),
    user: user(last('lxc.init.uid'), last('lxc.init.gid')),
    sysctls: sortSysctls(
      entries
        .filter((e) => e.key.startsWith('lxc.sysctl.'))
        .map((e) => ({
          value: { name: e.key.slice('lxc.sysctl.'.length), value: e.value },
          at: e.at,
        })),
    ),
  });
  return { kind: 'lxc', containers: [spec], pods: [] };
}

/** Each `lxc.` line with its line number; a key written more than once is addressed by its occurrence. */
function parseEntries(text: string, file: string): Entry[] {
  const raw: { key: string; value: string; line: number }[] = [];
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    const match = KEY_LINE.exec(line);
    if (match) raw.push({ key: match[1]!, value: match[2]!, line: i + 1 });
  }
  const counts = new Map<string, number>();
  for (const e of raw) counts.set(e.key, (counts.get(e.key) ?? 0) + 1);
  const seen = new Map<string, number>();
  return raw.map((e) => {
    const n = seen.get(e.key) ?? 0;
    seen.set(e.key, n + 1);
    const path = counts.get(e.key)! > 1 ? [e.key, n] : [e.key];
    return { key: e.key, value: e.value, at: { file, line: e.line, jsonPath: jsonPath(path) } };
  });
}

/** A container's config lives at `/var/lib/lxc/NAME/config`. */
function nameFromFile(file: string): string {
  const base = basename(file);
  if (base === 'config') return basename(dirname(file)) || base;
  return basename(base, extname(base));
}

function fail(entry: Entry, file: string, problem: string): never {
  throw new InputError(file, `line ${entry.at.line}: ${entry.key}: ${problem}`);
}

function flag(entry: Entry, file: string): boolean {
  if (entry.value === '1') return true;
  if (entry.value === '0') return false;
  return fail(entry, file, `expected 0 or 1, not "${entry.value}"`);
}

/**
 * `lxc.cap.drop` lists capabilities to drop (an empty value forgets earlier drops); `lxc.cap.keep` the only ones to
 * keep (`none`: none). Kept capabilities are judged against Docker's default set like an OCI config's. Without
 * `lxc.cap.keep` the container keeps every capability not dropped: no list of additions is made up for that, since
 * whether they reach the host depends on the user namespace (`hostUserns`).
 */
function capabilities(
  drops: Entry[],
  keeps: Entry[],
): { capAdd: Located<string>[]; capDrop: Located<string>[] } {
  let dropped: Located<string>[] = [];
  for (const entry of drops) {
    const names = entry.value.split(/\s+/).filter(Boolean);
    if (names.length === 0) dropped = [];
    dropped.push(...names.map((n) => ({ value: capabilityName(n), at: entry.at })));
  }
  let kept: Located<string>[] | undefined;
  for (const entry of keeps) {
    const names = entry.value.split(/\s+/).filter(Boolean);
    if (names.length === 0) kept = undefined;
    else
      kept = [
        ...(kept ?? []),
        ...names
          .filter((n) => n !== 'none')
          .map((n) => ({ value: capabilityName(n), at: entry.at })),
      ];
  }
  if (!kept) return { capAdd: [], capDrop: uniqueSorted(dropped) };
  const keptNames = new Set(kept.map((k) => k.value));
  const firstKeep = keeps.find((k) => k.value.trim() !== '')!;
  const defaults = new Set(DOCKER_DEFAULT_CAPABILITIES);
  const notKept = DOCKER_DEFAULT_CAPABILITIES.filter((c) => !keptNames.has(c)).map((c) => ({
    value: c,
    at: firstKeep.at,
  }));
  return {
    capAdd: uniqueSorted(kept.filter((k) => !defaults.has(k.value))),
    capDrop: uniqueSorted([...dropped, ...notKept]),
  };
}

const NAMESPACE_TYPES = ['cgroup', 'ipc', 'mnt', 'net', 'pid', 'time', 'user', 'uts'];

/**
 * Namespaces shared with the host, as the file says: `lxc.namespace.keep` (kept from the process starting the
 * container: the host's), `lxc.namespace.clone` (types not listed are not cloned), `lxc.namespace.share.TYPE` with
 * PID 1 or `/proc/1/ns/...` (the host's init; another container otherwise), `lxc.net.N.type = none` (the host's
 * network). A later line overrides an earlier one.
 */
function hostNamespaces(entries: Entry[]): Map<string, Located<boolean>> {
  const out = new Map<string, Located<boolean>>();
  for (const entry of entries) {
    const tokens = entry.value.split(/\s+/).filter(Boolean);
    if (entry.key === 'lxc.namespace.keep') {
      for (const type of tokens) out.set(type, { value: true, at: entry.at });
    } else if (entry.key === 'lxc.namespace.clone' && tokens.length > 0) {
      for (const type of NAMESPACE_TYPES)
        out.set(type, { value: !tokens.includes(type), at: entry.at });
    } else if (entry.key.startsWith('lxc.namespace.share.')) {
      const type = entry.key.slice('lxc.namespace.share.'.length);
      out.set(type, {
        value: entry.value === '1' || entry.value.startsWith('/proc/1/ns/'),
        at: entry.at,
      });
    } else if (/^lxc\.net\.\d+\.type$/.test(entry.key) || entry.key === 'lxc.network.type') {
      out.set('net', { value: entry.value === 'none', at: entry.at });
    }
  }
  return out;
}

/** A user namespace kept from the host wins; otherwise the id maps tell. */
function hostUser(
  namespace: Located<boolean> | undefined,
  maps: Entry[],
  file: string,
): Located<boolean> {
  return namespace?.value ? namespace : userNamespace(maps, file);
}

/**
 * Without `lxc.idmap` the container is a privileged one: its root is the host's root. A map of container uid 0 to
 * host uid 0 is the same thing with extra steps.
 */
function userNamespace(maps: Entry[], file: string): Located<boolean> {
  if (maps.length === 0) return { value: true, at: { file, jsonPath: jsonPath(['lxc.idmap']) } };
  for (const map of maps) {
    const [kind, inside, outside] = map.value.split(/\s+/);
    if ((kind === 'u' || kind === 'b') && inside === '0' && outside === '0')
      return { value: true, at: map.at };
  }
  return { value: false, at: maps[0]!.at };
}

/** fstab's octal escapes (`\040` for a space) in mount entry fields. */
function unescapeFstab(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_, octal: string) =>
    String.fromCharCode(parseInt(octal, 8)),
  );
}

/**
 * `lxc.mount.entry` is an fstab line (target relative to the rootfs); a bind of a path under /dev passes a host
 * device in. `lxc.mount.auto` mounts proc, sys and cgroup: `rw` is writable, `mixed` proc is writable except
 * /proc/sys and /proc/sysrq-trigger (both listed), `mixed` sys and cgroup are read-only but for the container's own
 * parts.
 */
function mountEntries(
  entries: Entry[],
  autos: Entry[],
  file: string,
): { mounts: Located<Mount>[]; devices: Located<string>[] } {
  const mounts: Located<Mount>[] = [];
  const devices: Located<string>[] = [];
  for (const entry of entries) {
    const [source, target, fstype, optionText = 'defaults'] = entry.value
      .split(/\s+/)
      .map(unescapeFstab);
    if (!source || !target || !fstype) fail(entry, file, 'expected "SOURCE TARGET FSTYPE OPTIONS"');
    const options = optionText.split(',');
    const path = target.startsWith('/') ? target : `/${target}`;
    const bind = options.includes('bind') || options.includes('rbind');
    const device = bind && source.startsWith('/dev/');
    const mount: Mount = bind
      ? { hostPath: source, target: path, kind: device ? 'device' : 'bind' }
      : { target: path, kind: fstype === 'tmpfs' ? 'tmpfs' : 'other' };
    if (options.includes('ro')) mount.readOnly = true;
    else if (options.includes('rw')) mount.readOnly = false;
    const propagation = propagationOf(options);
    if (propagation) mount.propagation = propagation;
    mounts.push({ value: mount, at: entry.at });
    if (device) devices.push({ value: source, at: entry.at });
  }
  for (const entry of autos) {
    for (const token of entry.value.split(/\s+/).filter(Boolean)) {
      const [fs = '', mode = 'mixed'] = token.split(':');
      const at = entry.at;
      if (fs === 'proc') {
        mounts.push({ value: { target: '/proc', kind: 'other', readOnly: false }, at });
        if (mode !== 'rw')
          mounts.push({ value: { target: '/proc/sys', kind: 'other', readOnly: true }, at });
      } else if (fs === 'sys') {
        mounts.push({ value: { target: '/sys', kind: 'other', readOnly: mode !== 'rw' }, at });
      } else if (fs === 'cgroup' || fs === 'cgroup-full') {
        mounts.push({
          value: { target: '/sys/fs/cgroup', kind: 'other', readOnly: mode !== 'rw' },
          at,
        });
      }
    }
  }
  return { mounts, devices };
}

/** `max` (or -1 in cgroup v1) is no limit; sizes take the kernel's K, M, G suffixes. */
function memoryLimit(entry: Entry | undefined, file: string): Located<number> | undefined {
  if (!entry || entry.value === 'max' || entry.value === '-1' || entry.value === '')
    return undefined;
  const bytes = parseByteSize(entry.value);
  if (bytes === undefined) fail(entry, file, `"${entry.value}" is not a size`);
  return bytes > 0 ? { value: bytes, at: entry.at } : undefined;
}

function pidsLimit(entry: Entry | undefined, file: string): Located<number> | undefined {
  if (!entry || entry.value === 'max' || entry.value === '') return undefined;
  if (!/^\d+$/.test(entry.value))
    fail(entry, file, `"${entry.value}" is not a number of processes`);
  const limit = Number(entry.value);
  return limit > 0 ? { value: limit, at: entry.at } : undefined;
}

/** cgroup v2 `cpu.max` is `QUOTA [PERIOD]` (or `max`); v1 has `cpu.cfs_quota_us` and `cpu.cfs_period_us`. */
function cpuLimit(entries: Entry[], file: string): Located<number> | undefined {
  const v2 = entries.filter((e) => e.key === 'lxc.cgroup2.cpu.max').at(-1);
  if (v2) {
    const [quota = '', period = '100000'] = v2.value.split(/\s+/);
    if (quota === 'max' || quota === '') return undefined;
    if (!/^\d+$/.test(quota) || !/^\d+$/.test(period) || Number(period) === 0)
      fail(v2, file, `expected "QUOTA PERIOD" in microseconds, not "${v2.value}"`);
    return Number(quota) > 0 ? { value: Number(quota) / Number(period), at: v2.at } : undefined;
  }
  const quota = entries.filter((e) => e.key === 'lxc.cgroup.cpu.cfs_quota_us').at(-1);
  if (!quota || !/^\d+$/.test(quota.value) || Number(quota.value) <= 0) return undefined;
  const period = entries.filter((e) => e.key === 'lxc.cgroup.cpu.cfs_period_us').at(-1);
  const periodUs =
    period && /^\d+$/.test(period.value) && Number(period.value) > 0
      ? Number(period.value)
      : 100_000;
  return { value: Number(quota.value) / periodUs, at: quota.at };
}

function user(uid: Entry | undefined, gid: Entry | undefined): Located<string> | undefined {
  if (!uid?.value) return undefined;
  return { value: gid?.value ? `${uid.value}:${gid.value}` : uid.value, at: uid.at };
}
