// `seawall audit FILE|DIR|-` as a library call: read each configuration file, tell what kind it is by its content,
// and run that kind's checks for the chosen profile. Kinds: Dockerfile (https://docs.docker.com/reference/dockerfile/),
// and the container configurations of src/config/ (docker/podman inspect, OCI runtime, Kubernetes, Compose, LXC,
// Marathon), checked by the CIS Docker Benchmark section 5 controls and the Pod Security Standards.

import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DockerfileParser, Keyword } from 'dockerfile-ast';
import type { InputKind } from '../config/container-spec.js';
import type { AuditProfile } from '../jobs/audit-job.js';
import { readConfigText } from '../config/read-config.js';
import { fileReadProblem, InputError } from '../errors.js';
import type { Finding } from '../model/finding.js';
import { containerConfigFindings } from './container-config/index.js';
import { lintDockerfile } from './dockerfile/index.js';
import { compareFindingsOfChecks } from './order.js';
import { podSecurityFindings } from './pss/index.js';

export type AuditKind = 'dockerfile' | InputKind;

export interface AuditResult {
  kind: AuditKind;
  findings: Finding[];
}

/** Reads `path` ('-' for standard input), finds its kind and returns that kind's findings, located at `path`. */
export async function auditFile(path: string, profile: AuditProfile = 'all'): Promise<AuditResult> {
  return auditText(await readAuditInput(path), path, profile);
}

/** The checks of one file's text, as `auditFile` runs them. */
export function auditText(text: string, path: string, profile: AuditProfile = 'all'): AuditResult {
  if (text.includes('\u0000'))
    throw new InputError(path, 'not a configuration file (binary content)');
  // The Dockerfile parser runs only on text that starts like a Dockerfile: on thousands of YAML manifests it was a
  // tenth of the audit's time.
  const problem = startsLikeDockerfile(text)
    ? dockerfileReadProblem(text)
    : 'not FROM or ARG first';
  if (problem === undefined) {
    // A Dockerfile has no pod: the Pod Security profiles have nothing to say about it.
    const findings =
      profile === 'all' || profile === 'cis-docker' ? lintDockerfile(text, path) : [];
    return { kind: 'dockerfile', findings };
  }
  let config;
  try {
    config = readConfigText(text, path);
  } catch (err) {
    if (err instanceof InputError && err.problem.startsWith('not a known configuration'))
      throw new InputError(
        path,
        `not a Dockerfile (${dockerfileReadProblem(text) ?? problem}) nor a container configuration Seawall reads (docker or podman inspect, OCI runtime config, Kubernetes, Compose, LXC, Marathon)`,
      );
    throw err;
  }
  const findings: Finding[] = [];
  if (profile === 'all' || profile === 'cis-docker')
    findings.push(...containerConfigFindings(config.containers));
  if (profile === 'all' || profile === 'pss-restricted')
    findings.push(...podSecurityFindings(config.pods, 'restricted'));
  if (profile === 'pss-baseline') findings.push(...podSecurityFindings(config.pods, 'baseline'));
  return { kind: config.kind, findings: findings.sort(compareFindingsOfChecks) };
}

/** Names a directory walk audits: Dockerfiles, YAML and JSON files, and LXC `config` files. */
const AUDITED_NAME = /(^|[.-])(Dockerfile|Containerfile)([.-]|$)|\.(ya?ml|json)$|^config$/i;

/**
 * The files `inputs` name: files and '-' as given, directories walked in sorted order for the names above
 * (hidden directories and node_modules skipped). A missing input is an InputError.
 */
export async function auditInputs(inputs: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    if (input === '-') {
      files.push(input);
      continue;
    }
    let info;
    try {
      info = await stat(input);
    } catch (err) {
      throw new InputError(input, fileReadProblem(err));
    }
    if (info.isDirectory()) files.push(...(await walk(input)));
    else files.push(input);
  }
  return files;
}

async function walk(dir: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw new InputError(dir, fileReadProblem(err));
  }
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && entry.name !== 'node_modules')
        out.push(...(await walk(path)));
    } else if (entry.isFile() && AUDITED_NAME.test(entry.name)) out.push(path);
  }
  return out;
}

const MAX_AUDIT_BYTES = 16 * 1024 * 1024;

async function readAuditInput(path: string): Promise<string> {
  if (path === '-') return readStdin();
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new InputError(path, 'is a directory, not a file to audit');
    size = info.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(path, fileReadProblem(err));
  }
  if (size > MAX_AUDIT_BYTES)
    throw new InputError(
      path,
      `too large to audit (${size} bytes; a configuration file is far smaller)`,
    );
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new InputError(path, fileReadProblem(err));
  }
}

const KEYWORDS = new Set<string>(Object.values(Keyword));

/** Whether the first line that is not blank or a comment (parser directives are comments) is FROM or ARG. */
function startsLikeDockerfile(text: string): boolean {
  for (const line of text.replace(/^\uFEFF/, '').split('\n', 200)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    return /^(from|arg)(\s|$)/i.test(trimmed);
  }
  return false;
}

/**
 * Why `text` is not a Dockerfile, or undefined when it is one: it has a FROM, starts with FROM or ARG (parser
 * directives and comments aside), and every instruction is one Docker knows (a build rejects any other).
 */
function dockerfileReadProblem(text: string): string | undefined {
  const instructions = DockerfileParser.parse(text.replace(/^\uFEFF/, '')).getInstructions();
  if (instructions.length === 0) return 'no instructions';
  for (const instruction of instructions) {
    const keyword = instruction.getKeyword().toUpperCase();
    if (!KEYWORDS.has(keyword))
      return `unknown instruction ${clip(instruction.getInstruction())} on line ${instruction.getRange().start.line + 1}`;
  }
  const first = instructions[0]!.getKeyword().toUpperCase();
  if (first !== 'FROM' && first !== 'ARG') return `it starts with ${first}, not FROM or ARG`;
  if (!instructions.some((i) => i.getKeyword().toUpperCase() === 'FROM'))
    return 'no FROM instruction';
  return undefined;
}

function clip(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 39)}…` : text);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_AUDIT_BYTES) throw new InputError('-', 'standard input is too large to audit');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
