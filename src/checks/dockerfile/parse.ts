// A Dockerfile as the lint checks see it: build stages, their instructions with 1-based lines, exec or shell form,
// and RUN scripts split into simple commands. Syntax: https://docs.docker.com/reference/dockerfile/

import {
  DockerfileParser,
  type Instruction as AstInstruction,
  type Property,
  type Run,
} from 'dockerfile-ast';
import { splitShell, type ShellScript } from './shell.js';

export interface InstructionFlag {
  name: string;
  value: string | null;
}

/** A `NAME=value` of ARG or ENV; value null when none is given (`ARG VERSION`). */
export interface Definition {
  name: string;
  value: string | null;
  line: number;
}

export interface DockerfileInstruction {
  /** Upper case: `RUN`, `FROM`. */
  keyword: string;
  /** 1-based first and last line (a continued instruction spans several). */
  line: number;
  endLine: number;
  /** Index of the stage it belongs to; -1 before the first FROM. */
  stage: number;
  /** `--mount=...`, `--chown=...`, `--platform=...`. */
  flags: InstructionFlag[];
  /** The arguments after the flags on one line: continuations joined, comment lines dropped, blanks collapsed. */
  text: string;
  /** Exec form: the arguments are a JSON array of strings (`CMD ["nginx", "-g", "daemon off;"]`). */
  form: 'exec' | 'shell';
  /** The arguments as words: the JSON array in exec form, whitespace-separated (quotes kept) in shell form. */
  args: string[];
  /** ARG and ENV: the variables they define. */
  definitions?: Definition[];
  /** RUN: the commands it runs (here-document scripts and `sh -c` in exec form included). */
  shell?: ShellScript;
}

/** An image reference as written and after substituting the build arguments declared before the first FROM. */
export interface ImageReference {
  written: string;
  /** Undefined when it uses a variable that has no default. */
  resolved?: string;
  /** Repository, tag and digest of the resolved reference. */
  repository?: string;
  tag?: string;
  digest?: string;
}

export interface BuildStage {
  index: number;
  /** 1-based line of its FROM. */
  line: number;
  image: ImageReference;
  /** `AS name`, lower case (stage names are case-insensitive). */
  alias?: string;
  platform?: string;
  /** The earlier stage this one builds on (`FROM builder`), whose configuration it inherits. */
  parent?: number;
  isFinal: boolean;
  /** Its instructions in order, FROM first. */
  instructions: DockerfileInstruction[];
}

export interface DockerfileComment {
  line: number;
  /** The text after `#`, trimmed. */
  text: string;
}

export interface DockerfileModel {
  /** The escape character (`\` or a backquote from the `# escape=` directive). */
  escape: string;
  /** ARG instructions before the first FROM: the build arguments FROM lines may use. */
  globalArgs: Definition[];
  stages: BuildStage[];
  /** Every instruction in order, including those before the first FROM. */
  instructions: DockerfileInstruction[];
  /** Whole-line comments outside instructions (parser directives included). */
  comments: DockerfileComment[];
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);

export function parseDockerfile(source: string): DockerfileModel {
  const text = source.replace(/^\uFEFF/, '');
  const ast = DockerfileParser.parse(text);
  const lines = text.split(/\r\n|\r|\n/);
  const escape = ast.getEscapeCharacter();
  const instructions: DockerfileInstruction[] = [];
  const stages: BuildStage[] = [];
  const globalArgs: Definition[] = [];
  const covered = new Set<number>();

  for (const node of ast.getInstructions()) {
    const range = node.getRange();
    for (let l = range.start.line; l <= range.end.line; l++) covered.add(l);
    const keyword = node.getKeyword().toUpperCase();
    if (keyword === 'FROM') stages.push(stageOf(node, stages, globalArgs));
    const instruction = instructionOf(node, keyword, lines, escape, stages.length - 1);
    instructions.push(instruction);
    if (stages.length === 0) {
      if (keyword === 'ARG') globalArgs.push(...(instruction.definitions ?? []));
    } else {
      stages[stages.length - 1]!.instructions.push(instruction);
    }
  }
  // Resolve references to earlier stages once every alias is known (only earlier ones count).
  for (const stage of stages) {
    const ref = stage.image.resolved?.toLowerCase();
    const parent = stages.findIndex((s) => s.index < stage.index && s.alias === ref);
    if (parent >= 0) stage.parent = parent;
  }
  if (stages.length > 0) stages[stages.length - 1]!.isFinal = true;

  const comments: DockerfileComment[] = [];
  lines.forEach((line, index) => {
    if (covered.has(index)) return;
    const match = /^\s*#(.*)$/.exec(line);
    if (match) comments.push({ line: index + 1, text: match[1]!.trim() });
  });
  return { escape, globalArgs, stages, instructions, comments };
}

function stageOf(node: AstInstruction, stages: BuildStage[], globalArgs: Definition[]): BuildStage {
  const words = argumentWords(node);
  const written = words[0] ?? '';
  const asIndex = words.findIndex((w, i) => i > 0 && w.toLowerCase() === 'as');
  const alias = asIndex > 0 ? words[asIndex + 1]?.toLowerCase() : undefined;
  const vars = new Map(globalArgs.map((d) => [d.name, d.value]));
  const resolved = substituteVariables(written, vars);
  const platform = flagsOf(node).find((f) => f.name === 'platform')?.value ?? undefined;
  const stage: BuildStage = {
    index: stages.length,
    line: node.getRange().start.line + 1,
    image: { ...(resolved !== undefined ? parseImageReference(resolved) : {}), written },
    isFinal: false,
    instructions: [],
  };
  if (alias) stage.alias = alias;
  if (platform) stage.platform = platform;
  return stage;
}

/** `registry:5000/team/app:1.2@sha256:...` -> repository, tag, digest. A colon before the last `/` is a port. */
export function parseImageReference(reference: string): ImageReference {
  const result: ImageReference = { written: reference, resolved: reference };
  let rest = reference;
  const at = rest.indexOf('@');
  if (at >= 0) {
    result.digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    result.tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  result.repository = rest;
  return result;
}

function instructionOf(
  node: AstInstruction,
  keyword: string,
  lines: readonly string[],
  escape: string,
  stage: number,
): DockerfileInstruction {
  const range = node.getRange();
  const astArgs = node.getArguments();
  const first = astArgs[0]?.getRange().start;
  const joined = first
    ? joinContinuations(lines, first.line, first.character, range.end.line, escape)
    : { text: '', lineAt: [] };
  const text = joined.text.replace(/\n+$/, '');
  const execArgs = keywordTakesJson(keyword) ? jsonArray(text) : undefined;
  const instruction: DockerfileInstruction = {
    keyword,
    line: range.start.line + 1,
    endLine: range.end.line + 1,
    stage,
    flags: flagsOf(node),
    text: text.replace(/\s+/g, ' ').trim(),
    form: execArgs ? 'exec' : 'shell',
    args: execArgs ?? astArgs.map((a) => a.getValue()),
  };
  if (keyword === 'ARG' || keyword === 'ENV') instruction.definitions = definitionsOf(node);
  if (keyword === 'RUN') {
    const heredocs = (node as Run).getHeredocs?.() ?? [];
    instruction.shell =
      heredocs.length > 0
        ? heredocScript(node as Run, lines, escape)
        : execArgs
          ? execScript(execArgs, instruction.line)
          : splitShell(joined.text, (offset) => joined.lineAt[offset] ?? instruction.line);
  }
  return instruction;
}

/** Instructions whose arguments Docker reads as a JSON array when they look like one. */
function keywordTakesJson(keyword: string): boolean {
  return ['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'ADD', 'COPY', 'VOLUME'].includes(keyword);
}

/** A JSON array of strings, as Docker accepts for exec form; anything else is shell form. */
function jsonArray(text: string): string[] | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[')) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  } catch {
    // Not JSON: Docker runs it in shell form.
  }
  return undefined;
}

function flagsOf(node: AstInstruction): InstructionFlag[] {
  const withFlags = node as AstInstruction & {
    getFlags?: () => { getName(): string; getValue(): string | null }[];
  };
  if (typeof withFlags.getFlags !== 'function') return [];
  return withFlags.getFlags().map((f) => ({ name: f.getName(), value: f.getValue() }));
}

function argumentWords(node: AstInstruction): string[] {
  return node.getArguments().map((a) => a.getValue());
}

function definitionsOf(node: AstInstruction): Definition[] {
  const withProperties = node as AstInstruction & { getProperties?: () => Property[] };
  if (typeof withProperties.getProperties !== 'function') return [];
  return withProperties.getProperties().map((p) => ({
    name: p.getName(),
    value: p.getValue(),
    line: p.getRange().start.line + 1,
  }));
}

/**
 * The text from (line, column) to the end of `endLine` as Docker hands it on: a line ending in the escape character
 * joins the next, and comment or blank lines inside the instruction are dropped. `lineAt[offset]` is the 1-based
 * line each character came from.
 */
function joinContinuations(
  lines: readonly string[],
  startLine: number,
  startColumn: number,
  endLine: number,
  escape: string,
): { text: string; lineAt: number[] } {
  let text = '';
  const lineAt: number[] = [];
  const append = (s: string, line: number) => {
    text += s;
    for (let k = 0; k < s.length; k++) lineAt.push(line);
  };
  for (let l = startLine; l <= endLine && l < lines.length; l++) {
    let line = lines[l]!;
    if (l === startLine) line = line.slice(startColumn);
    else if (/^\s*(#.*)?$/.test(line)) continue;
    const continued = line.replace(/[ \t]+$/, '');
    if (continued.endsWith(escape) && l < endLine) append(continued.slice(0, -1), l + 1);
    else append(`${line}\n`, l + 1);
  }
  return { text, lineAt };
}

/** `RUN ["sh", "-c", "script"]` runs a script; any other exec form is one command. */
function execScript(args: string[], line: number): ShellScript {
  const name = args[0] ? baseName(args[0]) : '';
  const dashC = args.indexOf('-c');
  if (SHELLS.has(name) && dashC > 0 && args[dashC + 1] !== undefined)
    return splitShell(args[dashC + 1]!, () => line);
  return {
    commands:
      args.length > 0
        ? [{ words: args, assignments: [], line, after: 'start', pipesOut: false }]
        : [],
    hasPipe: false,
  };
}

/**
 * A RUN with here-documents: the command on the RUN line, plus each body when that command is a shell reading it
 * (`RUN <<EOF` alone, or `RUN bash <<EOF`) rather than data for another program (`RUN python3 <<EOF`).
 */
function heredocScript(node: Run, lines: readonly string[], escape: string): ShellScript {
  const heredocs = node.getHeredocs();
  const first = node.getArguments()[0]!.getRange().start;
  const markerLine = heredocs[0]!.getStartRange().start.line;
  const head = joinContinuations(lines, first.line, first.character, markerLine, escape);
  const headScript = splitShell(head.text, (offset) => head.lineAt[offset] ?? first.line + 1);
  const runsBody =
    headScript.commands.length === 0 ||
    (headScript.commands.length === 1 &&
      SHELLS.has(baseName(headScript.commands[0]!.words[0] ?? '')) &&
      headScript.commands[0]!.words.slice(1).every((w) => w.startsWith('-') || w === 'pipefail'));
  const commands = [...headScript.commands];
  let hasPipe = headScript.hasPipe;
  if (runsBody) {
    for (const heredoc of heredocs) {
      const content = heredoc.getContentRange();
      if (!content) continue;
      const bodyLines = lines.slice(content.start.line, content.end.line + 1);
      if (/^#!/.test(bodyLines[0] ?? '') && !SHELLS.has(shebangInterpreter(bodyLines[0]!)))
        continue;
      const body = bodyLines.join('\n');
      const lineStarts: number[] = [];
      let offset = 0;
      for (const l of bodyLines) {
        lineStarts.push(offset);
        offset += l.length + 1;
      }
      const script = splitShell(
        body,
        (o) => content.start.line + lastAtOrBefore(lineStarts, o) + 1,
      );
      commands.push(...script.commands);
      hasPipe ||= script.hasPipe;
    }
  }
  return { commands, hasPipe };
}

/** Index of the last of the ascending `starts` at or before `offset` (0 when none is). */
function lastAtOrBefore(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** `#!/usr/bin/env bash` -> `bash`; `#!/bin/sh -e` -> `sh`. */
function shebangInterpreter(line: string): string {
  const parts = line.slice(2).trim().split(/\s+/);
  const program = baseName(parts[0] ?? '');
  return program === 'env'
    ? baseName(parts.find((p, i) => i > 0 && !p.startsWith('-')) ?? '')
    : program;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * `text` with `$NAME`, `${NAME}`, `${NAME:-default}` and `${NAME:+alternative}` replaced from `vars`, or undefined
 * when a variable it needs has no value (a name with value null, or one not in `vars`).
 * Rules: https://docs.docker.com/reference/dockerfile/#environment-replacement
 */
export function substituteVariables(
  text: string,
  vars: ReadonlyMap<string, string | null>,
): string | undefined {
  let unresolved = false;
  const replaced = text.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (
      _match,
      braced: string | undefined,
      op: string | undefined,
      word: string | undefined,
      bare: string | undefined,
    ) => {
      const value = vars.get((braced ?? bare)!);
      const set = value !== undefined && value !== null && value !== '';
      if (op === '-') return set ? value : (word ?? '');
      if (op === '+') return set ? (word ?? '') : '';
      if (value === undefined || value === null) {
        unresolved = true;
        return '';
      }
      return value;
    },
  );
  return unresolved ? undefined : replaced;
}

/** The stage and the earlier stages it builds on, base first: what the image built from `stage` inherits. */
export function stageChain(model: DockerfileModel, stage: BuildStage): BuildStage[] {
  const chain = [stage];
  let current = stage;
  while (current.parent !== undefined) {
    current = model.stages[current.parent]!;
    chain.unshift(current);
  }
  return chain;
}

/**
 * The variables an instruction at `line` of `stage` can use: ENV inherited from parent stages, and this stage's ARG
 * and ENV above it. An ARG redeclared without a default takes the global one; otherwise its value is unknown (null).
 */
export function variablesAt(
  model: DockerfileModel,
  stage: BuildStage,
  line: number,
): Map<string, string | null> {
  const vars = new Map<string, string | null>();
  const globals = new Map(model.globalArgs.map((d) => [d.name, d.value]));
  for (const s of stageChain(model, stage)) {
    for (const instruction of s.instructions) {
      if (s === stage && instruction.line >= line) break;
      const isEnv = instruction.keyword === 'ENV';
      if (!isEnv && (instruction.keyword !== 'ARG' || s !== stage)) continue;
      for (const d of instruction.definitions ?? []) {
        const value = d.value ?? (isEnv ? null : (globals.get(d.name) ?? null));
        vars.set(d.name, value === null ? null : (substituteVariables(value, vars) ?? null));
      }
    }
  }
  return vars;
}
