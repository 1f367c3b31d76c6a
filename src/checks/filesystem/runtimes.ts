// Language runtimes the container's command line does not run (a JRE in an image whose entrypoint is a Go binary):
// each brings its own vulnerabilities and a way to run code. CIS Docker Benchmark 4.3 (no unnecessary packages).

import type { HardeningEvidence, RuntimeEvidence } from '../../analyze/hardening/evidence.js';
import { findingOf, type Finding } from '../../model/finding.js';
import type { Inventory } from '../../model/inventory.js';
import { entrypointUse } from './entrypoint.js';
import { locationOf, pathSample } from './format.js';
import { UNUSED_RUNTIME } from './rules.js';

/**
 * OS packages whose runtime the distribution itself needs and no image can remove: Debian's perl-base is Essential
 * (https://www.debian.org/doc/debian-policy/ch-binary.html#essential-packages).
 */
const BASE_SYSTEM_PACKAGES = new Set(['perl-base']);

export function unusedRuntimeFindings(
  inventory: Inventory,
  evidence: HardeningEvidence,
): Finding[] {
  const use = entrypointUse(inventory.target.config);
  // No command line (a root filesystem), or a script that may start anything: nothing can be called unused.
  if (!use || use.opaque) return [];
  const commandLine = shorten(
    use.argv.map((w) => (/\s/.test(w) ? JSON.stringify(w) : w)).join(' '),
  );
  return evidence.runtimes
    .filter((r) => !use.runtimes.includes(r.runtime) && !partOfBaseSystem(inventory, r))
    .map((r) =>
      findingOf(UNUSED_RUNTIME, locationOf(r.paths.items[0]!), {
        title: `${r.runtime} runtime present, but the entrypoint does not run it`,
        evidence: `command line: ${commandLine}; ${r.runtime} at ${pathSample(r.paths)}`,
      }),
    );
}

function partOfBaseSystem(inventory: Inventory, runtime: RuntimeEvidence): boolean {
  const base = inventory.packages.filter((p) => BASE_SYSTEM_PACKAGES.has(p.name));
  return (
    base.length > 0 &&
    runtime.paths.count === runtime.paths.items.length &&
    runtime.paths.items.every((found) => base.some((p) => p.files.includes(found.path)))
  );
}

function shorten(text: string, max = 160): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
