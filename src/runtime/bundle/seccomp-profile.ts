// Turns a seccomp profile in Docker's JSON format (archMap, names, includes/excludes by arch, capability, kernel) into
// the OCI runtime spec's `linux.seccomp`, as dockerd does before it hands the config to runc.
// Target: https://github.com/opencontainers/runtime-spec/blob/v1.0.2/config-linux.md#seccomp

import { readFileSync } from 'node:fs';
import { arch as nodeArch, release } from 'node:os';
import { InputError, fileReadProblem } from '../../errors.js';

export interface SeccompArg {
  index: number;
  value: number;
  valueTwo?: number;
  op: string;
}

export interface SeccompRule {
  names: string[];
  action: string;
  errnoRet?: number;
  args?: SeccompArg[];
}

/** `linux.seccomp` of the runtime spec. */
export interface LinuxSeccomp {
  defaultAction: string;
  defaultErrnoRet?: number;
  architectures?: string[];
  flags?: string[];
  listenerPath?: string;
  listenerMetadata?: string;
  syscalls?: SeccompRule[];
}

/** What decides which of a Docker profile's rules apply: the machine and the container's capabilities. */
export interface SeccompContext {
  /** Go's name of the architecture (amd64, arm64, ...), as Docker profiles name it in `includes.arches`. */
  arch: string;
  /** The container's bounding set (CAP_ names). */
  capabilities: readonly string[];
  /** The running kernel's release (`6.1.0-13-amd64`), for `includes.minKernel`. */
  kernel: string;
}

const ACTIONS = new Set([
  'SCMP_ACT_KILL',
  'SCMP_ACT_KILL_PROCESS',
  'SCMP_ACT_KILL_THREAD',
  'SCMP_ACT_TRAP',
  'SCMP_ACT_ERRNO',
  'SCMP_ACT_TRACE',
  'SCMP_ACT_ALLOW',
  'SCMP_ACT_LOG',
  'SCMP_ACT_NOTIFY',
]);
const OPERATORS = new Set([
  'SCMP_CMP_NE',
  'SCMP_CMP_LT',
  'SCMP_CMP_LE',
  'SCMP_CMP_EQ',
  'SCMP_CMP_GE',
  'SCMP_CMP_GT',
  'SCMP_CMP_MASKED_EQ',
]);

/** Node's process.arch in Go's names, and the libseccomp name of that native architecture. */
const ARCHES: Record<string, { go: string; scmp: string }> = {
  x64: { go: 'amd64', scmp: 'SCMP_ARCH_X86_64' },
  arm64: { go: 'arm64', scmp: 'SCMP_ARCH_AARCH64' },
  ia32: { go: '386', scmp: 'SCMP_ARCH_X86' },
  arm: { go: 'arm', scmp: 'SCMP_ARCH_ARM' },
  ppc64: { go: 'ppc64le', scmp: 'SCMP_ARCH_PPC64LE' },
  s390x: { go: 's390x', scmp: 'SCMP_ARCH_S390X' },
  riscv64: { go: 'riscv64', scmp: 'SCMP_ARCH_RISCV64' },
};

/** The context of this machine for a container with these capabilities. */
export function hostSeccompContext(capabilities: readonly string[]): SeccompContext {
  return { arch: ARCHES[nodeArch()]?.go ?? nodeArch(), capabilities, kernel: release() };
}

/** Reads and converts a profile file; `unconfined` means no filter (undefined). */
export function readSeccompProfile(
  file: string,
  context: SeccompContext,
): LinuxSeccomp | undefined {
  if (file === 'unconfined') return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(file, fileReadProblem(err));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InputError(file, `not JSON (${(err as Error).message})`);
  }
  return convertSeccompProfile(json, context, file);
}

/** Converts a Docker (or already OCI-shaped) profile; the rules that do not apply to `context` are left out. */
export function convertSeccompProfile(
  json: unknown,
  context: SeccompContext,
  subject: string,
): LinuxSeccomp {
  const doc = asObject(json, subject, 'the profile');
  const defaultAction = action(doc.defaultAction, subject, 'defaultAction');
  const out: LinuxSeccomp = { defaultAction };
  const defaultErrnoRet = optionalInt(doc.defaultErrnoRet, subject, 'defaultErrnoRet');
  if (defaultErrnoRet !== undefined) out.defaultErrnoRet = defaultErrnoRet;

  if (doc.architectures !== undefined && doc.archMap !== undefined)
    throw new InputError(subject, 'has both architectures and archMap: use one');
  const architectures =
    doc.archMap !== undefined
      ? nativeArchitectures(doc.archMap, context, subject)
      : doc.architectures !== undefined
        ? stringList(doc.architectures, subject, 'architectures')
        : [];
  if (architectures.length > 0) out.architectures = architectures;
  if (doc.flags !== undefined) out.flags = stringList(doc.flags, subject, 'flags');
  if (typeof doc.listenerPath === 'string') out.listenerPath = doc.listenerPath;
  if (typeof doc.listenerMetadata === 'string') out.listenerMetadata = doc.listenerMetadata;

  const rules: SeccompRule[] = [];
  const syscalls = doc.syscalls ?? [];
  if (!Array.isArray(syscalls)) throw new InputError(subject, 'syscalls is not a list');
  syscalls.forEach((raw, i) => {
    const where = `syscalls[${i}]`;
    const call = asObject(raw, subject, where);
    if (!applies(call, context, subject, where)) return;
    const rule = convertRule(call, subject, where);
    if (rule.names.length > 0) rules.push(rule);
  });
  if (rules.length > 0) out.syscalls = rules;
  return out;
}

/** Docker keeps the archMap entry of the machine's own architecture, with its sub-architectures (x32, i386). */
function nativeArchitectures(raw: unknown, context: SeccompContext, subject: string): string[] {
  if (!Array.isArray(raw)) throw new InputError(subject, 'archMap is not a list');
  const native = Object.values(ARCHES).find((a) => a.go === context.arch)?.scmp;
  const out: string[] = [];
  raw.forEach((entry, i) => {
    const item = asObject(entry, subject, `archMap[${i}]`);
    if (typeof item.architecture !== 'string')
      throw new InputError(subject, `archMap[${i}].architecture is not a string`);
    if (item.architecture !== native) return;
    out.push(item.architecture);
    if (item.subArchitectures !== undefined)
      out.push(...stringList(item.subArchitectures, subject, `archMap[${i}].subArchitectures`));
  });
  return out;
}

/** A rule applies when every `includes` condition holds and no `excludes` condition does (Docker's reading). */
function applies(
  call: Record<string, unknown>,
  context: SeccompContext,
  subject: string,
  where: string,
): boolean {
  const includes =
    call.includes === undefined ? {} : asObject(call.includes, subject, `${where}.includes`);
  const excludes =
    call.excludes === undefined ? {} : asObject(call.excludes, subject, `${where}.excludes`);
  const inArches = optionalList(includes.arches, subject, `${where}.includes.arches`);
  if (inArches.length > 0 && !inArches.includes(context.arch)) return false;
  const inCaps = optionalList(includes.caps, subject, `${where}.includes.caps`);
  if (inCaps.some((c) => !context.capabilities.includes(c))) return false;
  if (typeof includes.minKernel === 'string' && !kernelAtLeast(context.kernel, includes.minKernel))
    return false;
  const exArches = optionalList(excludes.arches, subject, `${where}.excludes.arches`);
  if (exArches.includes(context.arch)) return false;
  const exCaps = optionalList(excludes.caps, subject, `${where}.excludes.caps`);
  if (exCaps.some((c) => context.capabilities.includes(c))) return false;
  return true;
}

function convertRule(call: Record<string, unknown>, subject: string, where: string): SeccompRule {
  if (call.name !== undefined && call.names !== undefined)
    throw new InputError(subject, `${where} has both name and names: use one`);
  const names =
    call.names !== undefined
      ? stringList(call.names, subject, `${where}.names`)
      : typeof call.name === 'string'
        ? [call.name]
        : [];
  const rule: SeccompRule = { names, action: action(call.action, subject, `${where}.action`) };
  const errnoRet = optionalInt(call.errnoRet, subject, `${where}.errnoRet`);
  if (errnoRet !== undefined) rule.errnoRet = errnoRet;
  if (call.args !== undefined && call.args !== null) {
    if (!Array.isArray(call.args)) throw new InputError(subject, `${where}.args is not a list`);
    const args = call.args.map((a, j) => convertArg(a, subject, `${where}.args[${j}]`));
    if (args.length > 0) rule.args = args;
  }
  return rule;
}

function convertArg(raw: unknown, subject: string, where: string): SeccompArg {
  const arg = asObject(raw, subject, where);
  const index = optionalInt(arg.index, subject, `${where}.index`);
  if (index === undefined || index > 5)
    throw new InputError(subject, `${where}.index must be 0 to 5`);
  const value = optionalInt(arg.value, subject, `${where}.value`) ?? 0;
  const valueTwo = optionalInt(arg.valueTwo, subject, `${where}.valueTwo`);
  if (typeof arg.op !== 'string' || !OPERATORS.has(arg.op))
    throw new InputError(
      subject,
      `${where}.op ${JSON.stringify(arg.op)} is not a SCMP_CMP_ operator`,
    );
  return valueTwo ? { index, value, valueTwo, op: arg.op } : { index, value, op: arg.op };
}

function action(raw: unknown, subject: string, where: string): string {
  if (typeof raw !== 'string' || !ACTIONS.has(raw))
    throw new InputError(subject, `${where} ${JSON.stringify(raw)} is not a SCMP_ACT_ action`);
  return raw;
}

/** `6.1.0-13-amd64` against `4.8`: major, then minor. */
function kernelAtLeast(kernel: string, min: string): boolean {
  const [a = 0, b = 0] = kernel.split(/[.-]/).map((n) => Number.parseInt(n, 10) || 0);
  const [c = 0, d = 0] = min.split('.').map((n) => Number.parseInt(n, 10) || 0);
  return a !== c ? a > c : b >= d;
}

function asObject(raw: unknown, subject: string, where: string): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new InputError(subject, `${where} is not an object`);
  return raw as Record<string, unknown>;
}

function stringList(raw: unknown, subject: string, where: string): string[] {
  if (!Array.isArray(raw) || raw.some((s) => typeof s !== 'string'))
    throw new InputError(subject, `${where} is not a list of strings`);
  return raw as string[];
}

function optionalList(raw: unknown, subject: string, where: string): string[] {
  return raw === undefined || raw === null ? [] : stringList(raw, subject, where);
}

function optionalInt(raw: unknown, subject: string, where: string): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0)
    throw new InputError(subject, `${where} is not a non-negative integer`);
  return raw;
}
