// Checks of permission bits: setuid and setgid programs (CIS Docker 4.8) and world-writable files and directories.
// Bits per chmod(2): https://man7.org/linux/man-pages/man2/chmod.2.html

import type { HardeningEvidence, PrivilegedFile } from '../../analyze/hardening/evidence.js';
import { findingOf, type Finding } from '../../model/finding.js';
import { locationOf, notListed, octal } from './format.js';
import { SETUID_FILE, WORLD_WRITABLE } from './rules.js';

export function setuidFindings(evidence: HardeningEvidence): Finding[] {
  const findings = evidence.privilegedFiles.items.map((file) =>
    findingOf(SETUID_FILE, locationOf(file), {
      title: `${bitsOf(file)} file: ${file.path}`,
      evidence: `mode ${octal(file.mode)}, owner ${nameAndId(file.user, file.uid)}, group ${nameAndId(file.group, file.gid)}`,
    }),
  );
  return [...findings, ...notListed(SETUID_FILE, evidence.privilegedFiles, 'setuid/setgid files')];
}

export function worldWritableFindings(evidence: HardeningEvidence): Finding[] {
  const findings = evidence.worldWritable.items.map((found) =>
    findingOf(WORLD_WRITABLE, locationOf(found), {
      title:
        found.type === 'dir'
          ? `World-writable directory without the sticky bit: ${found.path}`
          : `World-writable file: ${found.path}`,
      evidence: `mode ${octal(found.mode)}`,
    }),
  );
  return [
    ...findings,
    ...notListed(WORLD_WRITABLE, evidence.worldWritable, 'world-writable paths'),
  ];
}

/** 'setuid root', 'setgid shadow', 'setuid and setgid root'. */
function bitsOf(file: PrivilegedFile): string {
  if (file.setuid && file.setgid)
    return `setuid ${file.user ?? file.uid} and setgid ${file.group ?? file.gid}`;
  return file.setuid ? `setuid ${file.user ?? file.uid}` : `setgid ${file.group ?? file.gid}`;
}

function nameAndId(name: string | undefined, id: number): string {
  return name === undefined ? String(id) : `${name} (${id})`;
}
