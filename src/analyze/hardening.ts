// The 'hardening' analyzer: the filesystem facts the image checks read (src/checks/filesystem/), as evidence.
// Account files per passwd(5)/shadow(5)/group(5); modes per inode(7); covers what Dockle's CIS-DI and DKL-LI checks read.

import { type Analyzer, type AssembleInput, latestFact } from './analyzer.js';
import {
  type Account,
  duplicateIds,
  parseGroup,
  parsePasswd,
  parseShadow,
} from './hardening/account-files.js';
import { credentialKindOf, credentialReason } from './hardening/credential-files.js';
import {
  capped,
  type CredentialFile,
  type CredentialKind,
  type DuplicateId,
  type EmptyPassword,
  type HardeningEvidence,
} from './hardening/evidence.js';
import { findExecutables } from './hardening/executables.js';
import { privilegedFiles, worldWritable } from './hardening/modes.js';
import { packageCaches } from './hardening/package-caches.js';
import { compareText } from '../model/order.js';

export type {
  Capped,
  CredentialFile,
  CredentialKind,
  DuplicateId,
  EmptyPassword,
  HardeningEvidence,
  LocatedPath,
  PackageCache,
  PackageCacheKind,
  PrivilegedFile,
  RuntimeEvidence,
  RuntimeName,
  SurfaceCategory,
  SurfaceInventory,
  WritablePath,
} from './hardening/evidence.js';

export type HardeningFact =
  | { kind: 'shadow'; emptyPassword: string[] }
  | { kind: 'passwd'; accounts: Account[]; emptyPassword: string[] }
  | { kind: 'group'; accounts: Account[] }
  | { kind: 'credential'; credential: CredentialKind; reason: string };

const SHADOW = 'etc/shadow';
const PASSWD = 'etc/passwd';
const GROUP = 'etc/group';

export const hardeningAnalyzer: Analyzer<HardeningFact> = {
  name: 'hardening',
  version: 1,
  wants(path) {
    return (
      path === SHADOW || path === PASSWD || path === GROUP || credentialKindOf(path) !== undefined
    );
  },
  parse(file, warn) {
    const text = () => file.content.toString('utf8');
    if (file.path === SHADOW) return { kind: 'shadow', emptyPassword: parseShadow(text(), warn) };
    if (file.path === PASSWD) return { kind: 'passwd', ...parsePasswd(text(), warn) };
    if (file.path === GROUP) return { kind: 'group', accounts: parseGroup(text(), warn) };
    const credential = credentialKindOf(file.path);
    if (!credential) return undefined;
    const reason = credentialReason(credential, file.content);
    return reason === undefined ? undefined : { kind: 'credential', credential, reason };
  },
  assemble(input) {
    return { evidence: assembleHardening(input) };
  },
};

function assembleHardening(input: AssembleInput<HardeningFact>): HardeningEvidence {
  const latest = (path: string) => {
    const versions = input.facts.get(path);
    const fact = latestFact(versions);
    return fact ? { fact, layer: versions![versions!.length - 1]!.layer } : undefined;
  };
  const shadow = latest(SHADOW);
  const passwd = latest(PASSWD);
  const group = latest(GROUP);
  const users = passwd?.fact.kind === 'passwd' ? passwd.fact.accounts : [];
  const groups = group?.fact.kind === 'group' ? group.fact.accounts : [];

  const emptyPasswords: EmptyPassword[] = [];
  for (const [path, found] of [
    [SHADOW, shadow],
    [PASSWD, passwd],
  ] as const) {
    if (found && (found.fact.kind === 'shadow' || found.fact.kind === 'passwd'))
      for (const user of found.fact.emptyPassword)
        emptyPasswords.push({ path, layer: found.layer, user });
  }
  const duplicates: DuplicateId[] = [];
  if (passwd)
    for (const d of duplicateIds(users))
      duplicates.push({ kind: 'uid', path: PASSWD, layer: passwd.layer, ...d });
  if (group)
    for (const d of duplicateIds(groups))
      duplicates.push({ kind: 'gid', path: GROUP, layer: group.layer, ...d });

  const entries = input.tree.entries();
  const executables = findExecutables(input.tree, entries);
  return {
    privilegedFiles: capped(privilegedFiles(entries, users, groups)),
    worldWritable: capped(worldWritable(entries)),
    sshServers: executables.sshServers,
    attackSurface: executables.attackSurface,
    runtimes: executables.runtimes,
    packageCaches: packageCaches(entries),
    credentials: credentialFiles(input),
    emptyPasswords: emptyPasswords.sort(
      (a, b) => compareText(a.path, b.path) || compareText(a.user, b.user),
    ),
    duplicateIds: duplicates,
  };
}

/**
 * Every layer's credential files, including copies a later layer deleted or replaced: removing a key in a later
 * step hides it from the container, but anyone who pulls the image still has the layer that holds it.
 */
function credentialFiles(input: AssembleInput<HardeningFact>): HardeningEvidence['credentials'] {
  const found: CredentialFile[] = [];
  input.layerFacts.forEach((facts, layer) => {
    for (const [path, fact] of Object.entries(facts)) {
      if (fact.kind !== 'credential') continue;
      const current = input.tree.lstat(path);
      const removedLater = current === undefined || current.layer !== layer;
      found.push({ path, layer, kind: fact.credential, reason: fact.reason, removedLater });
    }
  });
  return capped(found.sort((a, b) => a.layer - b.layer)); // capped's stable sort keeps layer order within a path
}
