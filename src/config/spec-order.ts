// The one order of a ContainerSpec's lists, so every configuration reader gives the same output for the same settings
// however the input orders them (./container-spec.ts). Each value keeps its Origin, so the written order is not lost.

import type { Located, Mount, PortMapping } from './container-spec.js';
import { compareText } from '../model/order.js';

/** One entry per value (the first written wins), sorted by value: capabilities, devices. */
export function uniqueSorted(list: Located<string>[]): Located<string>[] {
  const seen = new Map<string, Located<string>>();
  for (const item of list) if (!seen.has(item.value)) seen.set(item.value, item);
  return [...seen.values()].sort((a, b) => compareText(a.value, b.value));
}

/** By target, then host path. */
export function sortMounts(list: Located<Mount>[]): Located<Mount>[] {
  return [...list].sort(
    (a, b) =>
      compareText(a.value.target, b.value.target) ||
      compareText(a.value.hostPath ?? '', b.value.hostPath ?? ''),
  );
}

/** By container port, protocol, host address, host port. */
export function sortPorts(list: Located<PortMapping>[]): Located<PortMapping>[] {
  return [...list].sort(
    (a, b) =>
      a.value.containerPort - b.value.containerPort ||
      compareText(a.value.protocol ?? '', b.value.protocol ?? '') ||
      compareText(a.value.hostIp ?? '', b.value.hostIp ?? '') ||
      (a.value.hostPort ?? -1) - (b.value.hostPort ?? -1),
  );
}

/** By name; a name set twice keeps the last value written, as the kernel would. */
export function sortSysctls(
  list: Located<{ name: string; value: string }>[],
): Located<{ name: string; value: string }>[] {
  const byName = new Map<string, Located<{ name: string; value: string }>>();
  for (const item of list) byName.set(item.value.name, item);
  return [...byName.values()].sort((a, b) => compareText(a.value.name, b.value.name));
}
