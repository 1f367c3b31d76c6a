// Reads history `created_by` back into Dockerfile instructions as the classic builder (`/bin/sh -c #(nop)  USER root`),
// BuildKit (`RUN |1 K=V /bin/sh -c cmd # buildkit`) and Kaniko write them: https://github.com/opencontainers/image-spec/blob/main/config.md

import type { HistoryStep } from '../../model/inventory.js';

export interface Assignment {
  name: string;
  value: string;
}

export interface ParsedCommand {
  /** The Dockerfile instruction, upper-case; undefined when the text is none (`debootstrap ...`, `# debian.sh`). */
  instruction?: string;
  /** The instruction's arguments; for RUN, the shell command (without the shell that ran it). */
  args: string;
  /** The build args a RUN step saw, with the values it saw (the `|N K=V ...` prefix). */
  buildArgs: Assignment[];
}

export interface ParsedStep extends ParsedCommand {
  /** Position in the configuration's `history`. */
  index: number;
  createdBy: string;
  emptyLayer: boolean;
  /** The layer the step made, when the history's non-empty steps and the image's layers agree in number. */
  layer?: number;
}

const INSTRUCTIONS = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

// The shell a RUN step ran in: `/bin/sh -c`, or what SHELL set (`/bin/bash -o pipefail -c`, `/bin/ash -eo
// pipefail -c`, Windows `cmd /S /C` and `powershell -Command`).
const POSIX_SHELL =
  /^(?:\/[\w.+-]+)*\/?(?:ba|da|a|z|k)?sh\s+(?:-[A-Za-z]+(?:\s+pipefail)?\s+)*-[A-Za-z]*c\s+/;
const WINDOWS_SHELL = /^(?:cmd(?:\.exe)?\s+\/S\s+\/C|powershell(?:\.exe)?\s+-Command)\s+/i;
const SHELL_ANYWHERE =
  /(?:^|\s)(?=(?:\/[\w.+-]+)*\/?(?:ba|da|a|z|k)?sh\s+(?:-[A-Za-z]+(?:\s+pipefail)?\s+)*-[A-Za-z]*c\s|cmd(?:\.exe)?\s+\/S\s+\/C\s|powershell(?:\.exe)?\s+-Command\s)/i;
const BUILDKIT_SUFFIX = /\s+#\s*buildkit$/;
const NAME_START = /\s+(?=[A-Za-z_][A-Za-z0-9_.-]*=)/;

/** Parses one `created_by`. */
export function parseCreatedBy(createdBy: string): ParsedCommand {
  let text = createdBy.trim().replace(BUILDKIT_SUFFIX, '');
  let instruction: string | undefined;
  const keyword = /^([A-Z]+)(?:\s+|$)/.exec(text);
  if (keyword && INSTRUCTIONS.has(keyword[1]!)) {
    instruction = keyword[1]!;
    text = text.slice(keyword[0].length);
    if (instruction !== 'RUN') return { instruction, args: text, buildArgs: [] };
  }
  let buildArgs: Assignment[] = [];
  const counted = /^\|(\d+)(?:\s+|$)/.exec(text);
  if (counted) {
    // Only RUN steps record the build args they saw.
    instruction = 'RUN';
    const parsed = splitBuildArgs(text.slice(counted[0].length), Number(counted[1]));
    buildArgs = parsed.buildArgs;
    text = parsed.rest;
  }
  const shell = POSIX_SHELL.exec(text) ?? WINDOWS_SHELL.exec(text);
  if (shell) {
    const inner = text.slice(shell[0].length);
    const nop = /^#\(nop\)\s*/.exec(inner);
    if (!nop) return { instruction: 'RUN', args: inner.trim(), buildArgs };
    // The classic builder's metadata steps: `/bin/sh -c #(nop)  ENV A=b`.
    const meta = inner.slice(nop[0].length);
    const word = /^([A-Za-z]+)(?:\s+|$)/.exec(meta);
    const name = word?.[1]!.toUpperCase();
    if (word && name && INSTRUCTIONS.has(name))
      return { instruction: name, args: meta.slice(word[0].length).trim(), buildArgs };
    return { args: meta, buildArgs };
  }
  // RUN in exec form (BuildKit `RUN ["a", "b"]`, Kaniko `RUN cmd`), or a tool's own words.
  return instruction ? { instruction, args: text, buildArgs } : { args: text, buildArgs };
}

// `K1=v1 K2=v two /bin/sh -c ...`: the args end where the shell starts; without a shell (exec form), each arg is
// one word.
function splitBuildArgs(text: string, count: number): { buildArgs: Assignment[]; rest: string } {
  if (count === 0) return { buildArgs: [], rest: text };
  const shell = SHELL_ANYWHERE.exec(text);
  if (shell) {
    const argsText = text.slice(0, shell.index);
    return { buildArgs: splitAssignments(argsText), rest: text.slice(shell.index).trimStart() };
  }
  const words = text.split(/\s+/);
  return {
    buildArgs: splitAssignments(words.slice(0, count).join(' ')),
    rest: words.slice(count).join(' '),
  };
}

/**
 * `A=1 B=two words` as ENV, ARG and the build-args prefix record them (one `NAME=value` after another; a value runs
 * up to the next `NAME=`). `ARG NAME` declares NAME with no value; with `legacyEnv`, `ENV NAME value words` is the
 * old one-variable form.
 */
export function splitAssignments(
  text: string,
  options: { legacyEnv?: boolean } = {},
): Assignment[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const legacy = /^([A-Za-z_][A-Za-z0-9_.-]*)\s+(?![A-Za-z_][A-Za-z0-9_.-]*=)/.exec(trimmed);
  if (options.legacyEnv && legacy) {
    return [{ name: legacy[1]!, value: unquote(trimmed.slice(legacy[0].length).trim()) }];
  }
  const out: Assignment[] = [];
  for (const part of trimmed.split(NAME_START)) {
    const eq = part.indexOf('=');
    if (eq > 0) {
      out.push({ name: part.slice(0, eq), value: unquote(part.slice(eq + 1).trim()) });
      continue;
    }
    // Bare names (`ARG A B`) declare variables without a value.
    for (const word of part.split(/\s+/))
      if (/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(word)) out.push({ name: word, value: '' });
  }
  return out;
}

function unquote(value: string): string {
  const m = /^"(.*)"$/s.exec(value) ?? /^'(.*)'$/s.exec(value);
  return m ? m[1]! : value;
}

/**
 * Every history step parsed, oldest first. Steps that made a layer map to layer indexes in order, but only when
 * their number equals the image's layer count (an image whose history lacks steps would map them wrongly).
 */
export function parseHistory(history: readonly HistoryStep[], layerCount: number): ParsedStep[] {
  const layered = history.filter((h) => !h.emptyLayer).length;
  const mapLayers = layerCount > 0 && layered === layerCount;
  let layer = 0;
  return history.map((h, index) => {
    const step: ParsedStep = {
      index,
      createdBy: h.createdBy,
      emptyLayer: h.emptyLayer,
      ...parseCreatedBy(h.createdBy),
    };
    if (!h.emptyLayer) {
      if (mapLayers) step.layer = layer;
      layer++;
    }
    return step;
  });
}
