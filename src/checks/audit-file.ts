// `seawall audit FILE` as a library call: read a configuration file, tell what kind it is, run that kind's checks.
// Kinds so far: Dockerfile (https://docs.docker.com/reference/dockerfile/); the configuration audit adds others.

import { readFile, stat } from 'node:fs/promises';
import { DockerfileParser, Keyword } from 'dockerfile-ast';
import { InputError, messageOf } from '../errors.js';
import type { Finding } from '../model/finding.js';
import { lintDockerfile } from './dockerfile/index.js';

export type AuditKind = 'dockerfile';

export interface AuditResult {
  kind: AuditKind;
  findings: Finding[];
}

/** Larger than any real Dockerfile by far; a bigger input is not one, and reading it whole would be wasteful. */
const MAX_AUDIT_BYTES = 4 * 1024 * 1024;

/** Reads `path`, finds its kind and returns that kind's findings, located at `path` as given. */
export async function auditFile(
  path: string,
): Promise<{ kind: 'dockerfile'; findings: Finding[] }> {
  const text = await readAuditInput(path);
  const kind = detectAuditKind(path, text);
  switch (kind) {
    case 'dockerfile':
      return { kind, findings: lintDockerfile(text, path) };
  }
}

async function readAuditInput(path: string): Promise<string> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new InputError(path, 'is a directory, not a file to audit');
    size = info.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(path, fileProblem(err));
  }
  if (size > MAX_AUDIT_BYTES)
    throw new InputError(path, `too large to audit (${size} bytes; a Dockerfile is far smaller)`);
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new InputError(path, fileProblem(err));
  }
}

function fileProblem(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  return `cannot read (${messageOf(err)})`;
}

const KEYWORDS = new Set<string>(Object.values(Keyword));

/**
 * The kind of configuration `text` is, decided from its content (a file need not be called Dockerfile); throws
 * InputError naming what is wrong when it is no kind Seawall audits. The one place new input kinds are added.
 */
export function detectAuditKind(path: string, text: string): AuditKind {
  if (text.includes('\u0000')) throw new InputError(path, 'not a Dockerfile (binary content)');
  const problem = dockerfileProblem(text);
  if (problem === undefined) return 'dockerfile';
  throw new InputError(path, `not a Dockerfile (${problem})`);
}

/**
 * Why `text` is not a Dockerfile, or undefined when it is one: it has a FROM, starts with FROM or ARG (parser
 * directives and comments aside), and every instruction is one Docker knows (a build rejects any other).
 */
function dockerfileProblem(text: string): string | undefined {
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
