// A value inside a Kubernetes manifest with its path, read through typed accessors that turn a wrongly typed field
// into an InputError naming the line and JSON path. Field types: https://kubernetes.io/docs/reference/kubernetes-api/

import { InputError } from '../../errors.js';
import type { Origin } from '../container-spec.js';
import { jsonPath, type LocatedDocument } from '../documents.js';

export type ManifestPath = readonly (string | number)[];

/** One document of one file: where a node's line comes from and whom an error names. */
export interface ManifestSource {
  file: string;
  document: LocatedDocument;
}

export class ManifestNode {
  constructor(
    readonly source: ManifestSource,
    /** The value as parsed; undefined when the field is not written. */
    readonly value: unknown,
    readonly path: ManifestPath,
  ) {}

  /** The root of a document. */
  static root(source: ManifestSource): ManifestNode {
    return new ManifestNode(source, source.document.value, []);
  }

  /** Written with a value: Kubernetes treats an explicit null as unset, and so do we. */
  get present(): boolean {
    return this.value !== undefined && this.value !== null;
  }

  get line(): number | undefined {
    return this.source.document.lineAt(this.path);
  }

  get jsonPath(): string {
    return jsonPath(this.path);
  }

  get origin(): Origin {
    const origin: Origin = { file: this.source.file, jsonPath: this.jsonPath };
    const line = this.line;
    if (line !== undefined) origin.line = line;
    return origin;
  }

  /** A field of this map (absent when this node is absent); a scalar or list here is an error. */
  get(key: string): ManifestNode {
    const record = this.record();
    return new ManifestNode(this.source, record?.[key], [...this.path, key]);
  }

  /** Shorthand for a chain of `get`. */
  at(...keys: string[]): ManifestNode {
    return keys.reduce<ManifestNode>((node, key) => node.get(key), this);
  }

  /** The map, or undefined when absent. */
  record(): Record<string, unknown> | undefined {
    if (!this.present) return undefined;
    if (typeof this.value !== 'object' || Array.isArray(this.value))
      this.fail(`must be a map, found ${describe(this.value)}`);
    return this.value as Record<string, unknown>;
  }

  /** The items of a list (none when absent). */
  items(): ManifestNode[] {
    if (!this.present) return [];
    if (!Array.isArray(this.value)) this.fail(`must be a list, found ${describe(this.value)}`);
    return (this.value as unknown[]).map(
      (item, index) => new ManifestNode(this.source, item, [...this.path, index]),
    );
  }

  /** The keys and values of a map, in the order written. */
  entries(): [string, ManifestNode][] {
    return Object.keys(this.record() ?? {}).map((key) => [key, this.get(key)]);
  }

  string(): string | undefined {
    if (!this.present) return undefined;
    if (typeof this.value !== 'string')
      this.fail(`must be a string, found ${describe(this.value)}`);
    return this.value as string;
  }

  /** A string the author may have written as a YAML number or boolean (sysctl values, label values). */
  text(): string | undefined {
    if (!this.present) return undefined;
    if (typeof this.value === 'number' || typeof this.value === 'boolean')
      return String(this.value);
    return this.string();
  }

  boolean(): boolean | undefined {
    if (!this.present) return undefined;
    if (typeof this.value !== 'boolean')
      this.fail(`must be true or false, found ${describe(this.value)}`);
    return this.value as boolean;
  }

  integer(): number | undefined {
    if (!this.present) return undefined;
    if (typeof this.value !== 'number' || !Number.isInteger(this.value))
      this.fail(`must be an integer, found ${describe(this.value)}`);
    return this.value as number;
  }

  /** An InputError naming the file, the line and this field. */
  fail(problem: string): never {
    const line = this.line;
    throw new InputError(
      this.source.file,
      `${line ? `line ${line}: ` : ''}${this.jsonPath} ${problem}`,
    );
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'a map';
  return JSON.stringify(value) ?? String(value);
}
