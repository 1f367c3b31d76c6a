// Configuration files (YAML, several documents per file, or JSON, which is YAML too) read with every value's line
// kept, so a finding can name the file, the line and the JSON path. https://eemeli.org/yaml/ (Document, LineCounter)

import { isCollection, LineCounter, parseAllDocuments, type Document } from 'yaml';
import { InputError } from '../errors.js';

/** One parsed document: its plain value, and the line of any path inside it. */
export interface LocatedDocument {
  /** 0-based position of the document in its file. */
  index: number;
  value: unknown;
  /** 1-based line of the node at `path` (keys and array indexes), or of its nearest existing ancestor. */
  lineAt(path: readonly (string | number)[]): number | undefined;
}

/** Larger than any real configuration file; a bigger input is refused rather than parsed. */
const MAX_BYTES = 16 * 1024 * 1024;

/** Parses `text` (YAML, multi-document, or JSON); a syntax error is an InputError naming the file and line. */
export function parseDocuments(text: string, file: string): LocatedDocument[] {
  if (text.length > MAX_BYTES)
    throw new InputError(file, 'larger than 16 MiB: not a configuration file');
  const lines = new LineCounter();
  // prettyErrors off: the message's line comes from the LineCounter below, and formatting context for every
  // document cost a tenth of an audit of thousands of manifests; strict off accepts what YAML 1.2 parsers accept.
  const docs = parseAllDocuments(text, {
    lineCounter: lines,
    uniqueKeys: false,
    prettyErrors: false,
    strict: false,
  });
  const list = Array.isArray(docs) ? docs : [docs];
  const out: LocatedDocument[] = [];
  for (const [index, doc] of list.entries()) {
    const error = doc.errors[0];
    if (error) {
      const line = error.linePos?.[0]?.line ?? lines.linePos(error.pos[0]).line;
      throw new InputError(file, `${line ? `line ${line}: ` : ''}${firstLine(error.message)}`);
    }
    if (doc.contents === null) continue; // an empty document between `---` separators
    out.push({
      index,
      value: doc.toJS({ maxAliasCount: 100 }),
      lineAt: (path) => lineOf(doc, lines, path),
    });
  }
  return out;
}

function lineOf(
  doc: Document.Parsed,
  lines: LineCounter,
  path: readonly (string | number)[],
): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (node !== undefined && range) {
      // For a collection the key's line reads better than the first child's: find the pair's key when we can.
      const offset = depth > 0 ? (keyOffset(doc, path.slice(0, depth)) ?? range[0]) : range[0];
      return lines.linePos(offset).line;
    }
  }
  return undefined;
}

/** The source offset of the key that holds `path`'s last element, when the parent is a map. */
function keyOffset(doc: Document.Parsed, path: readonly (string | number)[]): number | undefined {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isCollection(parent)) return undefined;
  const last = path[path.length - 1];
  for (const item of parent.items as unknown[]) {
    const pair = item as { key?: { value?: unknown; range?: [number, number, number] } };
    if (pair.key && pair.key.value === last && pair.key.range) return pair.key.range[0];
  }
  return undefined;
}

/** A JSON path for reports: `$.spec.containers[0].securityContext.privileged`. */
export function jsonPath(path: readonly (string | number)[]): string {
  return `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join('')}`;
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? text).replace(/\s+at line \d+, column \d+:?$/, '');
}
