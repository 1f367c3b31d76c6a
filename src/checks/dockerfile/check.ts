// What every Dockerfile check shares: the shape of a hit before it becomes a Finding, how rules are declared, and
// walks over the stages and RUN commands. Rules follow https://docs.docker.com/build/building/best-practices/

import type { Frameworks, Rule } from '../../model/finding.js';
import type { Severity } from '../../vulndb/advisory.js';
import type { BuildStage, DockerfileInstruction, DockerfileModel } from './parse.js';
import { stageChain } from './parse.js';
import type { SimpleCommand } from './shell.js';

/** One place a rule fired, before it becomes a Finding. */
export interface Hit {
  rule: Rule;
  /** 1-based line of the finding (the command inside a long RUN, or the instruction). */
  line: number;
  /** 1-based first line of the instruction it belongs to: where an inline ignore comment applies. */
  instructionLine: number;
  title?: string;
  evidence?: string;
}

export type DockerfileCheck = (model: DockerfileModel) => Hit[];

/** Which stages a rule looks at, said in its remediation so users know why a builder stage was (not) flagged. */
export type RuleScope = 'final stage' | 'every stage';

export function dockerfileRule(fields: {
  id: string;
  severity: Severity;
  title: string;
  remediation: string;
  scope: RuleScope;
  references: string[];
  frameworks: Frameworks;
}): Rule {
  const frameworks: Frameworks = {};
  for (const key of Object.keys(fields.frameworks).sort() as (keyof Frameworks)[]) {
    const ids = fields.frameworks[key];
    if (ids && ids.length > 0) frameworks[key] = [...ids].sort();
  }
  const scope =
    fields.scope === 'final stage'
      ? 'Checked in the final stage (and the stages it builds on), which becomes the image.'
      : 'Checked in every build stage.';
  return {
    id: fields.id,
    kind: 'dockerfile',
    severity: fields.severity,
    title: fields.title,
    remediation: `${fields.remediation} ${scope}`,
    references: fields.references,
    frameworks,
  };
}

export const BEST_PRACTICES = 'https://docs.docker.com/build/building/best-practices/';
export const REFERENCE = 'https://docs.docker.com/reference/dockerfile/';
export const hadolintWiki = (id: string) => `https://github.com/hadolint/hadolint/wiki/${id}`;
export const trivyAvd = (id: string) => `https://avd.aquasec.com/misconfig/${id.toLowerCase()}`;

export function hitAt(
  rule: Rule,
  instruction: DockerfileInstruction,
  details: { line?: number; title?: string; evidence?: string } = {},
): Hit {
  const hit: Hit = {
    rule,
    line: details.line ?? instruction.line,
    instructionLine: instruction.line,
  };
  if (details.title !== undefined) hit.title = details.title;
  if (details.evidence !== undefined) hit.evidence = details.evidence;
  return hit;
}

/** The final stage, or undefined for a file without FROM. */
export function finalStage(model: DockerfileModel): BuildStage | undefined {
  return model.stages.find((s) => s.isFinal);
}

/** Instructions of the final image in order: those of the stages the final one builds on, then its own. */
export function finalImageInstructions(model: DockerfileModel): DockerfileInstruction[] {
  const final = finalStage(model);
  if (!final) return [];
  return stageChain(model, final).flatMap((s) => s.instructions);
}

/** Instructions of every stage (ONBUILD triggers excluded: they run in another build). */
export function stageInstructions(
  model: DockerfileModel,
  keyword: string,
): DockerfileInstruction[] {
  return model.instructions.filter((i) => i.stage >= 0 && i.keyword === keyword);
}

export interface RunCommand {
  instruction: DockerfileInstruction;
  command: SimpleCommand;
}

/** Every simple command of every RUN in every stage. */
export function runCommands(model: DockerfileModel): RunCommand[] {
  return stageInstructions(model, 'RUN').flatMap((instruction) =>
    (instruction.shell?.commands ?? []).map((command) => ({ instruction, command })),
  );
}

/** The instruction as one line for evidence, cut short when long. */
export function instructionEvidence(instruction: DockerfileInstruction, max = 160): string {
  const flags = instruction.flags
    .map((f) => `--${f.name}${f.value === null ? '' : `=${f.value}`} `)
    .join('');
  return clip(`${instruction.keyword} ${flags}${instruction.text}`.trim(), max);
}

export function commandEvidence(command: SimpleCommand, max = 160): string {
  return clip([...command.assignments, ...command.words].join(' '), max);
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * A command-line split into its subcommand and operands, skipping options and the values of the options in
 * `valueOptions` (`apt-get -o Foo=bar install x` -> subcommand install, operands [x]).
 */
export interface Invocation {
  subcommand?: string;
  operands: string[];
  options: string[];
}

export function parseInvocation(
  args: readonly string[],
  valueOptions: ReadonlySet<string>,
): Invocation {
  const result: Invocation = { operands: [], options: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      const rest = args.slice(i + 1);
      if (result.subcommand === undefined && rest.length > 0) result.subcommand = rest.shift()!;
      result.operands.push(...rest);
      break;
    }
    if (arg.startsWith('-') && arg !== '-') {
      result.options.push(arg);
      if (!arg.includes('=') && valueOptions.has(arg)) i++;
      continue;
    }
    if (result.subcommand === undefined) result.subcommand = arg;
    else result.operands.push(arg);
  }
  return result;
}
