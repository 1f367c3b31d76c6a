// Typed reads of one field at a time from a parsed configuration document, each value with the Origin (file, line,
// JSON path) it was written at; shared by the configuration readers. Lines and paths as in ./documents.ts.

import { InputError } from '../errors.js';
import type { Located, Origin } from './container-spec.js';
import { jsonPath, type LocatedDocument } from './documents.js';

export type FieldPath = readonly (string | number)[];

/** A value inside the document and where it is. */
export interface Field {
  value: unknown;
  path: FieldPath;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A Compose-style `${VAR}` left for the tool to fill in: its value is unknown here, so the field is skipped. */
export function isUnresolved(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

export class DocumentFields {
  constructor(
    readonly document: LocatedDocument,
    readonly file: string,
  ) {}

  /** Where `path` is; for a missing field, its JSON path and the line of its nearest written ancestor. */
  origin(path: FieldPath): Origin {
    const line = this.document.lineAt(path);
    const jp = jsonPath(path);
    return line === undefined
      ? { file: this.file, jsonPath: jp }
      : { file: this.file, line, jsonPath: jp };
  }

  at<T>(value: T, path: FieldPath): Located<T> {
    return { value, at: this.origin(path) };
  }

  /** Throws the InputError for a field that is present but unusable, naming the line and the path. */
  fail(path: FieldPath, problem: string): never {
    const line = this.document.lineAt(path);
    throw new InputError(this.file, `${line ? `line ${line}: ` : ''}${jsonPath(path)}: ${problem}`);
  }

  /** The raw value at `path`; undefined when any step is missing. */
  get(path: FieldPath): unknown {
    let node: unknown = this.document.value;
    for (const step of path) {
      if (typeof step === 'number') node = Array.isArray(node) ? node[step] : undefined;
      else node = isRecord(node) ? node[step] : undefined;
      if (node === undefined) return undefined;
    }
    return node;
  }

  record(path: FieldPath): Record<string, unknown> | undefined {
    const value = this.get(path);
    if (value === undefined || value === null) return undefined;
    if (!isRecord(value)) this.fail(path, 'expected a mapping');
    return value;
  }

  /** The items of the list at `path` with their paths; none when absent or null. */
  items(path: FieldPath): Field[] {
    const value = this.get(path);
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) this.fail(path, 'expected a list');
    return value.map((item: unknown, i) => ({ value: item, path: [...path, i] }));
  }

  /** The entries of the mapping at `path` with their paths, in the order written. */
  entries(path: FieldPath): Field[] {
    const value = this.record(path);
    return value
      ? Object.entries(value).map(([key, v]) => ({ value: v, path: [...path, key] }))
      : [];
  }

  /** A boolean, also written as the string 'true' or 'false' (Marathon parameters, interpolated Compose values). */
  bool(path: FieldPath): Located<boolean> | undefined {
    const value = this.get(path);
    if (value === undefined || value === null || isUnresolved(value)) return undefined;
    const parsed = booleanOf(value);
    if (parsed === undefined)
      this.fail(path, `expected true or false, not ${JSON.stringify(value)}`);
    return this.at(parsed, path);
  }

  /** A string, or a number written where a string is meant (`user: 1000`). */
  string(path: FieldPath): Located<string> | undefined {
    const value = this.get(path);
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' && Number.isFinite(value)) return this.at(String(value), path);
    if (typeof value !== 'string') this.fail(path, 'expected a string');
    return this.at(value, path);
  }

  /** A number, also written as a numeric string (`cpus: "0.5"`). */
  number(path: FieldPath): Located<number> | undefined {
    const value = this.get(path);
    if (value === undefined || value === null || isUnresolved(value)) return undefined;
    const parsed = numberOf(value);
    if (parsed === undefined) this.fail(path, `expected a number, not ${JSON.stringify(value)}`);
    return this.at(parsed, path);
  }
}

export function booleanOf(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return undefined;
}

export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?(\d+(\.\d*)?|\.\d+)\s*$/.test(value))
    return Number(value);
  return undefined;
}

/** `value` without its undefined properties, so specs compare and serialise without empty keys. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
