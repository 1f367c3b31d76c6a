// Configuration files (YAML, several documents per file, or JSON, which is YAML too) read with every value's line
// kept, so a finding can name the file, the line and the JSON path. YAML 1.2 core schema: https://yaml.org/spec/1.2.2/

import { CORE_SCHEMA, loadAll, YAMLException, type State } from 'js-yaml';
import { InputError } from '../errors.js';

/** One parsed document: its plain value, and the line of any path inside it. */
export interface LocatedDocument {
  /** 0-based position of the document in its file. */
  index: number;
  value: unknown;
  /** 1-based line of the node at `path` (keys and array indexes), or of its nearest existing ancestor. */
  lineAt(path: readonly (string | number)[]): number | undefined;
}

/**
 * More aliases than configuration files use: each is a shared reference here, but code that walks a value whole
 * would expand them, and a few nested ones make a document of billions of nodes ("billion laughs").
 */
const MAX_ALIASES = 100;

class TooManyAliases extends Error {}

/** Larger than any real configuration file; a bigger input is refused rather than parsed. */
const MAX_BYTES = 16 * 1024 * 1024;

/**
 * Parses `text` (YAML, multi-document, or JSON); a syntax error is an InputError naming the file and line.
 *
 * js-yaml builds plain values about ten times faster than a parser that keeps a node tree, which is what an audit of
 * thousands of manifests spends its time on; its listener reports where each node opens, and `LineRecorder` keeps
 * from that the line of every mapping key and sequence item, which is all a finding's location needs.
 */
export function parseDocuments(text: string, file: string): LocatedDocument[] {
  if (text.length > MAX_BYTES)
    throw new InputError(file, 'larger than 16 MiB: not a configuration file');
  const recorder = new LineRecorder();
  try {
    // json: a repeated key takes the last value, as JSON.parse and Kubernetes' decoder do, instead of failing.
    loadAll(text, null, { schema: CORE_SCHEMA, json: true, listener: recorder.listener });
  } catch (err) {
    if (err instanceof YAMLException)
      throw new InputError(file, `line ${err.mark.line + 1}: ${err.reason}`);
    if (err instanceof TooManyAliases) throw new InputError(file, err.message);
    throw err;
  }
  const out: LocatedDocument[] = [];
  for (const [index, root] of recorder.documents.entries()) {
    if (root.value === null || root.value === undefined) continue; // an empty document between `---` separators
    out.push({ index, value: root.value, lineAt: (path) => recorder.lineAt(root, path) });
  }
  return out;
}

/**
 * Where a child sits: the line of each key of a mapping, or of each item of a sequence. A child that is an alias
 * (`<<: *defaults`) is located where it is used, not inside the anchored node it stands for.
 */
interface ChildLines {
  lines: Map<string, number> | number[];
  aliases: Set<string | number>;
}

interface OpenNode {
  /** 1-based line where the node starts. */
  line: number;
  children: { value: unknown; line: number; kind: string | null }[];
}

/** Follows js-yaml's open/close events to remember the lines of the keys and items of every collection. */
class LineRecorder {
  readonly documents: { value: unknown; line: number }[] = [];
  private readonly stack: OpenNode[] = [];
  private readonly lines = new WeakMap<object, ChildLines>();
  private aliases = 0;

  readonly listener = (event: 'open' | 'close', state: State): void => {
    if (event === 'open') {
      this.stack.push({ line: state.line + 1, children: [] });
      return;
    }
    const node = this.stack.pop()!;
    const value: unknown = state.result;
    const kind = (state as State & { kind: string | null }).kind;
    if (kind === null && value !== null && value !== undefined && ++this.aliases > MAX_ALIASES)
      throw new TooManyAliases(`line ${state.line + 1}: more than ${MAX_ALIASES} aliases`);
    // A collection can close twice: a document that is one flow collection is first read as a would-be mapping
    // key, which closes with the collection's result. The first, innermost close is the collection's own.
    if (typeof value === 'object' && value !== null && !this.lines.has(value)) {
      if (kind === 'mapping' && isObject(value)) this.recordMapping(value, node.children);
      else if (kind === 'sequence' && Array.isArray(value))
        this.recordSequence(value, node.children);
    }
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.children.push({ value, line: node.line, kind });
    else this.documents.push({ value, line: node.line });
  };

  /**
   * A mapping's children arrive as key, value, key, value. A pair the parser stores without a value node (an
   * explicit `? key` alone) would shift that rhythm; then the keys are not trusted and findings fall back to the
   * mapping's own line rather than a wrong one.
   */
  private recordMapping(value: Record<string, unknown>, children: OpenNode['children']): void {
    // The parser ends a block mapping by trying to read one more key and finding none (at `---`, say): that
    // attempt is an event with no kind, and it is dropped.
    if (children.length % 2 !== 0 && children[children.length - 1]!.kind === null)
      children = children.slice(0, -1);
    if (children.length % 2 !== 0) return;
    const keys = new Map<string, number>();
    const aliases = new Set<string>();
    for (let i = 0; i < children.length; i += 2) {
      const key = children[i]!.value;
      if (typeof key === 'object' && key !== null) return;
      const name = String(key);
      if (!Object.prototype.hasOwnProperty.call(value, name)) return;
      keys.set(name, children[i]!.line);
      if (isAlias(children[i + 1]!)) aliases.add(name);
    }
    this.lines.set(value, { lines: keys, aliases });
  }

  /** An empty item (`-` alone) has no node of its own; then the items are not trusted either. */
  private recordSequence(value: unknown[], children: OpenNode['children']): void {
    if (children.length !== value.length) return;
    const aliases = new Set(children.flatMap((c, i) => (isAlias(c) ? [i] : [])));
    this.lines.set(value, { lines: children.map((c) => c.line), aliases });
  }

  lineAt(root: { value: unknown; line: number }, path: readonly (string | number)[]): number {
    let line = root.line;
    let node = root.value;
    for (const step of path) {
      if (typeof node !== 'object' || node === null) break;
      const child = this.lines.get(node);
      const lines = child?.lines;
      const next = Array.isArray(lines)
        ? typeof step === 'number'
          ? lines[step]
          : undefined
        : lines?.get(String(step));
      if (next === undefined) break;
      line = next;
      if (child!.aliases.has(Array.isArray(lines) ? step : String(step))) break;
      node = (node as Record<string | number, unknown>)[step];
    }
    return line;
  }
}

/** An alias closes without a kind of its own, with the anchored collection as its result. */
function isAlias(child: OpenNode['children'][number]): boolean {
  return child.kind === null && typeof child.value === 'object' && child.value !== null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON path for reports: `$.spec.containers[0].securityContext.privileged`. */
export function jsonPath(path: readonly (string | number)[]): string {
  return `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join('')}`;
}
