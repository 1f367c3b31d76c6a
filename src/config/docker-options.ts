// Docker's option strings as `docker run`, the Engine API, Compose and Marathon parameters write them: security
// options, volume and port specs, restart policies, byte sizes. https://docs.docker.com/reference/cli/docker/container/run/

import { isIP } from 'node:net';
import type { ContainerSpec, Located, Mount, PortMapping } from './container-spec.js';

export type SelinuxLabel = NonNullable<ContainerSpec['selinux']>['value'];

export type SecurityFields = Pick<
  ContainerSpec,
  'seccomp' | 'apparmor' | 'selinux' | 'noNewPrivileges'
>;

/** `--security-opt` values: `key=value`, the older `key:value`, and the bare `no-new-privileges`. */
export function splitSecurityOption(text: string): { key: string; value: string } {
  const option = text.trim();
  const eq = option.indexOf('=');
  if (eq >= 0) return { key: option.slice(0, eq), value: option.slice(eq + 1) };
  const colon = option.indexOf(':');
  if (colon >= 0) return { key: option.slice(0, colon), value: option.slice(colon + 1) };
  return { key: option, value: '' };
}

/**
 * The confinement fields a list of security options sets. A later seccomp, apparmor or no-new-privileges option
 * overrides an earlier one, as in Docker; `label` options add up to one label, located at the first of them.
 */
export function securityFields(options: Located<string>[]): SecurityFields {
  const out: SecurityFields = {};
  for (const option of options) {
    const { key, value } = splitSecurityOption(option.value);
    switch (key) {
      case 'seccomp':
        out.seccomp = { value: seccompValue(value), at: option.at };
        break;
      case 'apparmor':
        out.apparmor = { value, at: option.at };
        break;
      case 'no-new-privileges': {
        const flag =
          value === '' ? true : value === 'true' ? true : value === 'false' ? false : undefined;
        if (flag !== undefined) out.noNewPrivileges = { value: flag, at: option.at };
        break;
      }
      case 'label':
        out.selinux = {
          value: { ...out.selinux?.value, ...labelPart(value) },
          at: out.selinux?.at ?? option.at,
        };
        break;
    }
  }
  return out;
}

/** One `label=` option: `disable`, or `user:`, `role:`, `type:`, `level:` (a level has colons of its own). */
function labelPart(value: string): SelinuxLabel {
  if (value === 'disable') return { disabled: true };
  const colon = value.indexOf(':');
  const part = colon < 0 ? value : value.slice(0, colon);
  const rest = value.slice(colon + 1);
  if (colon >= 0 && (part === 'user' || part === 'role' || part === 'type' || part === 'level'))
    return { [part]: rest };
  return {};
}

/** An SELinux context `user:role:type:level` (the level may hold categories: `s0:c25,c695`). */
export function selinuxContext(text: string): SelinuxLabel | undefined {
  const parts = text.trim().split(':');
  if (parts.length < 3 || parts.slice(0, 3).some((p) => p === '')) return undefined;
  const [user, role, type, ...level] = parts;
  return level.length > 0 ? { user, role, type, level: level.join(':') } : { user, role, type };
}

/**
 * A seccomp setting as written: 'unconfined', a profile path, or (the client sends the file's content, and inspect
 * shows it) a JSON profile, summarised by its default action. A filter that allows everything confines nothing.
 */
export function seccompValue(text: string): string {
  const value = text.trim();
  if (!value.startsWith('{')) return value;
  try {
    return seccompProfileSummary(JSON.parse(value));
  } catch {
    return 'inline profile';
  }
}

export function seccompProfileSummary(profile: unknown): string {
  const record =
    typeof profile === 'object' && profile !== null ? (profile as Record<string, unknown>) : {};
  const action = typeof record.defaultAction === 'string' ? record.defaultAction : undefined;
  const rules = Array.isArray(record.syscalls) ? record.syscalls : [];
  const restricts = rules.some(
    (rule) =>
      typeof rule === 'object' &&
      rule !== null &&
      (rule as { action?: unknown }).action !== 'SCMP_ACT_ALLOW',
  );
  if (action === 'SCMP_ACT_ALLOW' && !restricts) return 'unconfined';
  return action ? `inline profile, defaultAction ${action}` : 'inline profile';
}

const PROPAGATIONS = new Set([
  'shared',
  'rshared',
  'slave',
  'rslave',
  'private',
  'rprivate',
  'unbindable',
  'runbindable',
]);

/** A mount propagation mode among mount options (`rbind,rshared,ro`). */
export function propagationOf(options: readonly string[]): string | undefined {
  return options.find((o) => PROPAGATIONS.has(o));
}

/** A host path as a volume source (a name is a named volume): absolute, relative to the file, home, or Windows. */
export function isHostPathSource(source: string): boolean {
  return /^(\/|\.|~|[A-Za-z]:[\\/]|\\\\)/.test(source);
}

/** `-v` / Compose short syntax / inspect `Binds`: `[SOURCE:]TARGET[:OPTIONS]`; undefined when there is no target. */
export function parseVolumeSpec(text: string): Mount | undefined {
  let parts = text.split(':');
  // A Windows drive letter's colon is not a separator.
  if (parts.length > 1 && /^[A-Za-z]$/.test(parts[0]!) && /^[\\/]/.test(parts[1]!))
    parts = [`${parts[0]}:${parts[1]}`, ...parts.slice(2)];
  if (parts.length > 3 || parts.some((p, i) => p === '' && i < 2)) return undefined;
  const [source, target, optionText] =
    parts.length === 1 ? [undefined, parts[0]!, undefined] : [parts[0]!, parts[1]!, parts[2]];
  const options = optionText ? optionText.split(',') : [];
  const mount: Mount =
    source !== undefined && isHostPathSource(source)
      ? { hostPath: source, target, kind: 'bind' }
      : { target, kind: 'volume' };
  if (options.includes('ro')) mount.readOnly = true;
  else if (options.includes('rw')) mount.readOnly = false;
  const propagation = propagationOf(options);
  if (propagation) mount.propagation = propagation;
  return mount;
}

/** The host side of a `--device` spec (`/dev/sda:/dev/xvdc:rwm`), or a CDI name (`vendor.com/gpu=all`) as written. */
export function deviceHostPath(text: string): string {
  const spec = text.trim();
  if (!spec.startsWith('/')) return spec;
  const colon = spec.indexOf(':');
  return colon < 0 ? spec : spec.slice(0, colon);
}

/**
 * A `-p` / Compose short-syntax port spec (`8080:80`, `127.0.0.1:80:80/udp`, `[::1]:81:81`, `9090-9091:8080-8081`,
 * `3000`): one mapping per container port. A published port the runtime picks (no host port given) is `hostPort: 0`;
 * a host range for one container port gives the range's first port. Undefined when the spec is not valid.
 */
export function parsePortSpec(text: string): PortMapping[] | undefined {
  let spec = text.trim();
  let protocol: string | undefined;
  const slash = spec.lastIndexOf('/');
  if (slash >= 0) {
    protocol = spec.slice(slash + 1).toLowerCase();
    spec = spec.slice(0, slash);
    if (!/^(tcp|udp|sctp)$/.test(protocol)) return undefined;
  }
  let hostIp: string | undefined;
  let hostText: string | undefined;
  let containerText: string;
  const bracketed = /^\[([^\]]+)\]:(.*)$/.exec(spec);
  if (bracketed) {
    hostIp = bracketed[1];
    const rest = bracketed[2]!.split(':');
    if (rest.length !== 2) return undefined;
    [hostText, containerText] = [rest[0]!, rest[1]!];
  } else {
    const parts = spec.split(':');
    containerText = parts.pop()!;
    hostText = parts.pop();
    if (parts.length > 0) hostIp = parts.join(':');
  }
  if (hostIp !== undefined && hostIp !== '' && isIP(hostIp) === 0) return undefined;
  const containerPorts = portRange(containerText, 1);
  const hostPorts = hostText === undefined || hostText === '' ? undefined : portRange(hostText, 0);
  if (!containerPorts || (hostText && !hostPorts)) return undefined;
  const [first, last] = containerPorts;
  if (hostPorts && last > first && hostPorts[1] - hostPorts[0] !== last - first) return undefined;
  const out: PortMapping[] = [];
  for (let port = first; port <= last; port++) {
    const hostPort = hostPorts ? hostPorts[0] + (port - first) : 0;
    const mapping: PortMapping = { containerPort: port, hostPort };
    if (hostIp) mapping.hostIp = hostIp;
    if (protocol) mapping.protocol = protocol;
    out.push(mapping);
  }
  return out;
}

/** `80` or `8080-8081` as [first, last], each within [min, 65535]. */
export function portRange(text: string | number, min: number): [number, number] | undefined {
  const match = /^\s*(\d{1,5})(?:\s*-\s*(\d{1,5}))?\s*$/.exec(String(text));
  if (!match) return undefined;
  const first = Number(match[1]);
  const last = match[2] === undefined ? first : Number(match[2]);
  if (first < min || last > 65535 || last < first) return undefined;
  return [first, last];
}

/** `--restart` values: `no`, `always`, `unless-stopped`, `on-failure[:max-retries]`. Empty means `no`. */
export function parseRestartPolicy(
  text: string,
): { name: string; maxRetries?: number } | undefined {
  const [name = '', retries] = text.trim().split(':');
  if (name === '') return { name: 'no' };
  if (retries === undefined) return { name };
  if (!/^\d+$/.test(retries)) return undefined;
  return { name, maxRetries: Number(retries) };
}

const UNITS: Record<string, number> = {
  '': 1,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
  p: 1024 ** 5,
};

/**
 * A memory size in bytes as Docker and Compose read it (`512m`, `1gb`, `2GiB`, `1048576`): binary multiples. Undefined
 * when not a size.
 */
export function parseByteSize(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmgtp]?)i?b?\s*$/i.exec(value);
  if (!match) return undefined;
  return Math.round(Number(match[1]) * UNITS[match[2]!.toLowerCase()]!);
}
