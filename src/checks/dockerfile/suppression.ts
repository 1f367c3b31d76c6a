// Inline ignores: `# seawall:ignore=SW-DF-001,SW-DF-024` in the comments right above an instruction silences those
// rules there; in the comments before the first instruction, in the whole file. Format: docs/rule-coverage.md

import type { Finding } from '../../model/finding.js';
import type { DockerfileModel } from './parse.js';

export interface InlineIgnores {
  /** Rule ids ignored everywhere in the file. */
  file: Set<string>;
  /** Rule ids ignored per instruction, by the instruction's first line. */
  byInstruction: Map<number, Set<string>>;
}

const IGNORE = /^seawall:ignore\s*=\s*([A-Za-z0-9-]+(?:\s*,\s*[A-Za-z0-9-]+)*)/;

/** The ids named by one comment's text (after the `#`), upper case; empty for any other comment. */
export function ignoredIds(comment: string): string[] {
  const match = IGNORE.exec(comment);
  return match ? match[1]!.split(',').map((id) => id.trim().toUpperCase()) : [];
}

export function inlineIgnores(model: DockerfileModel): InlineIgnores {
  const result: InlineIgnores = { file: new Set(), byInstruction: new Map() };
  const firstInstruction = model.instructions[0]?.line ?? Number.POSITIVE_INFINITY;
  const commentAt = new Map(model.comments.map((c) => [c.line, c.text]));
  for (const comment of model.comments) {
    if (comment.line < firstInstruction)
      for (const id of ignoredIds(comment.text)) result.file.add(id);
  }
  // The block of comment lines directly above an instruction (no blank line between) belongs to it.
  for (const instruction of model.instructions) {
    const ids = new Set<string>();
    for (let line = instruction.line - 1; commentAt.has(line); line--)
      for (const id of ignoredIds(commentAt.get(line)!)) ids.add(id);
    if (ids.size > 0) result.byInstruction.set(instruction.line, ids);
  }
  return result;
}

/** Marks `finding` suppressed when an ignore covers its rule at `instructionLine`. */
export function applyInlineIgnores(
  finding: Finding,
  instructionLine: number,
  ignores: InlineIgnores,
  file: string,
): Finding {
  const ignored =
    ignores.file.has(finding.id) || ignores.byInstruction.get(instructionLine)?.has(finding.id);
  if (ignored) finding.suppressed = { kind: 'inline', file, reason: 'inline ignore' };
  return finding;
}
