// `seawall ps`: the containers of the state directory with their live status from `runc state`, as a table or JSON.
// Status names are the OCI runtime's: https://github.com/opencontainers/runtime-spec/blob/v1.0.2/runtime.md#state

import { alignColumns } from '../../util/text-table.js';
import { formatPublish } from '../network/publish.js';
import { checkRuntimeRequirements, runcState } from '../runc.js';
import { containerNames, readContainerRecord, stateDirectory } from './state-store.js';

export interface ContainerStatus {
  name: string;
  /** The target as given. */
  image: string;
  imageDigest: string;
  /** created, running, paused, stopped (runc), or exited (a foreground container that ended). */
  status: string;
  exitCode?: number;
  /** The init process on the host, while it runs. */
  pid?: number;
  created: string;
  network: string;
  /** `127.0.0.1:8080:80/tcp`, sorted. */
  ports: string[];
  command: string[];
}

const LIVE = new Set(['created', 'running', 'paused']);

export interface ListOptions {
  /** Stopped and exited containers too. */
  all?: boolean;
  stateDir?: string;
}

/** The containers, sorted by name; without `all` only the live ones. */
export async function listContainers(options: ListOptions = {}): Promise<ContainerStatus[]> {
  checkRuntimeRequirements('seawall ps');
  const stateDir = options.stateDir ?? stateDirectory();
  const out: ContainerStatus[] = [];
  for (const name of containerNames(stateDir)) {
    const record = readContainerRecord(stateDir, name);
    if (!record) continue; // a start still being prepared, or one that died before writing its record
    const state = await runcState(name);
    const status = state?.status ?? (record.exit ? 'exited' : 'stopped');
    if (!options.all && !LIVE.has(status)) continue;
    const live = state !== undefined && LIVE.has(state.status) && state.pid > 0;
    out.push({
      name,
      image: record.target,
      imageDigest: record.image.baseDigest,
      status,
      ...(!state && record.exit ? { exitCode: record.exit.code } : {}),
      ...(live ? { pid: state.pid } : {}),
      created: record.created,
      network: record.network.mode,
      ports: record.publish.map(formatPublish).sort(),
      command: record.command,
    });
  }
  return out;
}

/** The table `seawall ps` prints: NAME IMAGE STATUS PID CREATED PORTS. */
export function renderContainerTable(containers: readonly ContainerStatus[]): string {
  const rows = [
    ['NAME', 'IMAGE', 'STATUS', 'PID', 'CREATED', 'PORTS'],
    ...containers.map((c) => [
      c.name,
      c.image,
      c.exitCode !== undefined ? `${c.status} (${c.exitCode})` : c.status,
      c.pid !== undefined ? String(c.pid) : '-',
      c.created.replace(/\.\d+Z$/, 'Z'),
      c.ports.map((p) => p.replace(/^127\.0\.0\.1:(\d+):(\d+)/, '127.0.0.1:$1->$2')).join(', ') ||
        '-',
    ]),
  ];
  return `${alignColumns(rows).join('\n')}\n`;
}

export function renderContainerJson(containers: readonly ContainerStatus[]): string {
  return `${JSON.stringify(containers, null, 2)}\n`;
}
