// Tells which advisory feed a file holds from its first bytes (through gunzip when gzipped), never from its name.
// Formats: OSV (https://ossf.github.io/osv-schema/), Debian tracker JSON and lists, Alpine secdb, NVD, EPSS, KEV.

import { open, stat } from 'node:fs/promises';
import { jsonParser, type Token } from 'stream-json/parser.js';
import { InputError } from '../../errors.js';
import type { FeedKind } from '../feed-kinds.js';
import { peekFeedText, readFailure } from './feed-input.js';

export { FEED_KINDS, type FeedKind } from '../feed-kinds.js';

/** Enough of any feed to see its shape: the keys that tell them apart all come in the first few KB. */
const PEEK_BYTES = 16384;
const ZIP_MAGIC = 'PK';
/** Keys an OSV record has beside `id` (https://ossf.github.io/osv-schema/#id-modified-fields). */
const OSV_KEYS = [
  'modified',
  'published',
  'withdrawn',
  'aliases',
  'summary',
  'details',
  'affected',
];

export async function detectFeed(path: string): Promise<FeedKind> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (err) {
    throw readFailure(path, err);
  }
  // A directory of OSV files, or a zip of them as osv.dev publishes its dumps (all.zip).
  if (isDirectory || (await startsWithRaw(path, ZIP_MAGIC))) return 'osv';
  const text = (await peekFeedText(path, PEEK_BYTES)).trimStart();
  const kind = text.startsWith('{') ? jsonKind(text) : textKind(text);
  if (kind === undefined) {
    throw new InputError(
      path,
      'not a known advisory feed (expected OSV, Debian tracker JSON or list, Alpine secdb, NVD, EPSS or KEV)',
    );
  }
  return kind;
}

async function startsWithRaw(path: string, magic: string): Promise<boolean> {
  try {
    const file = await open(path, 'r');
    try {
      const { bytesRead, buffer } = await file.read(Buffer.alloc(magic.length), 0, magic.length, 0);
      return bytesRead === magic.length && buffer.toString('latin1') === magic;
    } finally {
      await file.close();
    }
  } catch (err) {
    throw readFailure(path, err);
  }
}

/** Text feeds: the Debian lists, EPSS's CSV, and YAML (Alpine's older secdb, OSV as PyPI writes it). */
function textKind(text: string): FeedKind | undefined {
  if (/^\[\d{1,2} [A-Za-z]{3} \d{4}\] D[SL]A-\d/.test(text)) return 'debian-list';
  if (/^#model_version:/.test(text) || /^cve,epss\b/im.test(text)) return 'epss';
  if (/^distroversion:/m.test(text)) return 'alpine-secdb';
  if (
    /^id:\s*\S/m.test(text) &&
    new RegExp(`^(${OSV_KEYS.join('|')}|schema_version):`, 'm').test(text)
  ) {
    return 'osv';
  }
  return undefined;
}

/** What the first levels of a JSON object show: each top-level key with a glimpse of its value. */
interface TopKey {
  /** The value when it is a string. */
  text?: string;
  /** For an object value, its first key; for an array, the first key of its first element. */
  firstKey?: string;
}

function jsonKind(text: string): FeedKind | undefined {
  const keys = topLevelKeys(tokensOf(text));
  const first = keys.values().next().value;
  if (first?.firstKey !== undefined && /^(CVE|TEMP)-/.test(first.firstKey))
    return 'debian-tracker-json';
  if (keys.get('format')?.text === 'NVD_CVE' || keys.get('vulnerabilities')?.firstKey === 'cve')
    return 'nvd';
  if (keys.has('catalogVersion') || keys.get('vulnerabilities')?.firstKey === 'cveID') return 'kev';
  if (keys.has('distroversion') || keys.get('packages')?.firstKey === 'pkg') return 'alpine-secdb';
  if (keys.has('schema_version') || (keys.has('id') && OSV_KEYS.some((key) => keys.has(key))))
    return 'osv';
  return undefined;
}

/** The tokens of a JSON prefix, up to where it was cut or stops being JSON. */
function tokensOf(text: string): Token[] {
  const tokenize = jsonParser({ streamValues: false }) as unknown as (text: string) => unknown;
  const tokens: Token[] = [];
  // Fed in small pieces so the tokens before a syntax error are kept: the error throws away its piece.
  for (let at = 0; at < text.length; at += 256) {
    let result: unknown;
    try {
      result = tokenize(text.slice(at, at + 256));
    } catch {
      break;
    }
    const values = (result as { values?: unknown } | null)?.values;
    if (Array.isArray(values)) tokens.push(...(values as Token[]));
  }
  return tokens;
}

function topLevelKeys(tokens: Token[]): Map<string, TopKey> {
  const keys = new Map<string, TopKey>();
  let depth = 0;
  let current: TopKey | undefined;
  /** Depth where the glimpsed first key sits: 2 in an object value, 3 in an array value's first element. */
  let glimpseDepth = 0;
  for (const token of tokens) {
    switch (token.name) {
      case 'startObject':
      case 'startArray':
        if (depth === 1 && current) glimpseDepth = token.name === 'startObject' ? 2 : 3;
        depth++;
        break;
      case 'endObject':
      case 'endArray':
        depth--;
        break;
      case 'keyValue':
        if (depth === 1) {
          current = {};
          keys.set(token.value, current);
        } else if (depth === glimpseDepth && current && current.firstKey === undefined) {
          current.firstKey = token.value;
        }
        break;
      case 'stringValue':
        if (depth === 1 && current) current.text = token.value;
        break;
      default:
        break;
    }
  }
  return keys;
}
