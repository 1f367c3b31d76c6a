// Streams the values at chosen paths of a large JSON document, so an importer holds one record at a time, never a feed.
// JSON as RFC 8259 defines it (https://www.rfc-editor.org/rfc/rfc8259), tokenised by stream-json's parser.

import { StringDecoder } from 'node:string_decoder';
import Assembler from 'stream-json/assembler.js';
import { jsonParser, type Token } from 'stream-json/parser.js';
import { InputError, messageOf } from '../../errors.js';
import type { ImportSink } from '../advisory.js';
import { openFeed, readFailure } from './feed-input.js';
import { FeedWarnings } from './feed-warnings.js';

/** Where a value sits: object keys and array indexes from the top. */
export type JsonPath = readonly (string | number)[];

export type JsonTopLevel = 'object' | 'array' | 'scalar';

/**
 * stream-chain's end-of-input marker, a registered symbol so that stages from different copies agree on it: given
 * to the tokenizer, it flushes and complains about a document that ends early.
 */
const END_OF_INPUT = Symbol.for('object-stream.none');

/**
 * Calls `onValue` with every value whose path `select` accepts, assembled whole, in document order; the values
 * around them are walked token by token and never built. `select` is asked once per value outside a selected one.
 * Returns the kind of the top-level value. Unreadable or malformed JSON (a truncated download) throws `InputError`
 * naming the file; so does an empty file. What `onValue` throws propagates unchanged.
 */
export async function streamJsonValues(
  path: string,
  select: (at: JsonPath) => boolean,
  onValue: (at: JsonPath, value: unknown) => void,
): Promise<JsonTopLevel> {
  const walker = new JsonWalker(select, onValue);
  const tokenize = jsonTokenizer(path);
  const input = await openFeed(path);
  const decoder = new StringDecoder('utf8');
  const chunks = input[Symbol.asyncIterator]();
  let first = true;
  let blank = true;
  try {
    for (;;) {
      let next: IteratorResult<unknown>;
      try {
        next = await chunks.next();
      } catch (err) {
        throw readFailure(path, err);
      }
      if (next.done) break;
      let text = decoder.write(next.value as Buffer);
      if (first && text !== '') {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      if (blank && /\S/.test(text)) blank = false;
      for (const token of tokenize(text)) walker.consume(token);
    }
    for (const token of tokenize(decoder.end())) walker.consume(token);
    if (blank) throw new InputError(path, 'invalid JSON: the file is empty');
    for (const token of tokenize(END_OF_INPUT)) walker.consume(token);
  } finally {
    input.destroy();
  }
  // Unreachable: the end-of-input check above throws unless a whole value was read.
  if (walker.topLevel === undefined) throw new InputError(path, 'invalid JSON: no value');
  return walker.topLevel;
}

/**
 * stream-json's bare tokenizer, called directly: a function from text to the tokens it completes. Driving it
 * without Node object streams is about ten times faster on the 80 MB Debian export. Only packed tokens are asked
 * for: the assembler reads nothing else.
 */
function jsonTokenizer(path: string): (text: string | typeof END_OF_INPUT) => Token[] {
  const tokenize = jsonParser({ streamValues: false }) as unknown as (
    text: string | symbol,
  ) => unknown;
  return (text) => {
    let result: unknown;
    try {
      result = tokenize(text);
    } catch (err) {
      const problem =
        text === END_OF_INPUT
          ? 'the file ends inside the document (truncated?)'
          : messageOf(err).replace(/^Parser cannot parse input: /, '');
      throw new InputError(path, `invalid JSON: ${problem}`, { cause: err });
    }
    // Several tokens come wrapped as stream-chain's `Many` ({ values }); none as the end marker.
    const values = (result as { values?: unknown } | null)?.values;
    return Array.isArray(values) ? (values as Token[]) : [];
  };
}

interface Frame {
  array: boolean;
  /** The key of the value being read, or the index of the next array element. */
  at: string | number;
}

class JsonWalker {
  topLevel: JsonTopLevel | undefined;
  private readonly frames: Frame[] = [];
  /** The path of the value being assembled, while one is. */
  private capture: JsonPath | undefined;
  private readonly assembler = new Assembler();

  constructor(
    private readonly select: (at: JsonPath) => boolean,
    private readonly onValue: (at: JsonPath, value: unknown) => void,
  ) {}

  consume(token: Token): void {
    if (this.capture) {
      this.assembler.consume(token);
      if (this.assembler.done) {
        const at = this.capture;
        this.capture = undefined;
        this.onValue(at, this.assembler.current);
        this.valueDone();
      }
      return;
    }
    switch (token.name) {
      case 'keyValue': {
        const top = this.frames.at(-1);
        if (top) top.at = token.value;
        return;
      }
      case 'startObject':
      case 'startArray': {
        this.topLevel ??= token.name === 'startObject' ? 'object' : 'array';
        const at = this.path();
        if (this.select(at)) {
          this.capture = at;
          this.assembler.consume(token);
          return;
        }
        this.frames.push({
          array: token.name === 'startArray',
          at: token.name === 'startArray' ? 0 : '',
        });
        return;
      }
      case 'endObject':
      case 'endArray':
        this.frames.pop();
        this.valueDone();
        return;
      case 'stringValue':
      case 'numberValue':
      case 'nullValue':
      case 'trueValue':
      case 'falseValue': {
        this.topLevel ??= 'scalar';
        const at = this.path();
        if (this.select(at)) this.onValue(at, scalarValue(token));
        this.valueDone();
        return;
      }
      default:
        return;
    }
  }

  private path(): JsonPath {
    return this.frames.map((f) => f.at);
  }

  private valueDone(): void {
    const top = this.frames.at(-1);
    if (top?.array) top.at = (top.at as number) + 1;
  }
}

function scalarValue(token: Token): string | number | boolean | null {
  switch (token.name) {
    case 'stringValue':
      return token.value;
    case 'numberValue':
      return Number(token.value);
    case 'trueValue':
      return true;
    case 'falseValue':
      return false;
    default:
      return null;
  }
}

/** `value` as a plain JSON object, or undefined when it is an array, a scalar or null. */
export function jsonObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** `value` when it is a non-empty string (trimmed), else undefined. */
export function jsonText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return text === '' ? undefined : text;
}

/**
 * Imports the `vulnerabilities` array of a JSON-object feed (NVD CVE API 2.0, CISA KEV) element by element:
 * `convert` reads one element (warning about it when it cannot) and `emit` stores it. Returns how many were stored.
 */
export async function importVulnerabilitiesArray<T>(
  path: string,
  sink: ImportSink,
  feed: string,
  convert: (value: unknown, where: string, warnings: FeedWarnings) => T | undefined,
  emit: (item: T) => void,
): Promise<number> {
  const warnings = new FeedWarnings(sink, path);
  let count = 0;
  const topLevel = await streamJsonValues(
    path,
    (at) => at.length === 2 && at[0] === 'vulnerabilities',
    (at, value) => {
      const item = convert(value, `vulnerabilities[${String(at[1])}]`, warnings);
      if (item !== undefined) {
        emit(item);
        count++;
      }
    },
  );
  if (topLevel !== 'object') throw new InputError(path, `not ${feed} (expected a JSON object)`);
  warnings.finish();
  return count;
}
