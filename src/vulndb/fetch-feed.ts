// Downloads one feed over HTTP(S) into a local file: a conditional GET (If-None-Match / If-Modified-Since, RFC 9110
// section 13) so an unchanged feed costs one round trip, the body hashed with SHA-256 as it streams to disk.

import { createHash } from 'node:crypto';
import { createWriteStream, rmSync } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Agent, interceptors, request, type Dispatcher } from 'undici';
import { InputError, messageOf } from '../errors.js';

export interface FetchValidators {
  etag?: string;
  lastModified?: string;
}

export type FetchResult =
  | { changed: false }
  | { changed: true; file: string; sha256: string; etag?: string; lastModified?: string };

/** Feeds are tens of megabytes; a response beyond this is refused rather than filling the disk. */
const MAX_FEED_BYTES = 2 * 1024 ** 3;
const TIMEOUT_MS = 120_000;

let redirecting: Dispatcher | undefined;
/** Feed hosts redirect to their storage (GitHub releases, CDNs). */
function dispatcher(): Dispatcher {
  redirecting ??= new Agent().compose(interceptors.redirect({ maxRedirections: 5 }));
  return redirecting;
}

/** Fetches `url` into `file` unless the server says it has not changed since `validators`. */
export async function fetchFeed(
  url: string,
  file: string,
  validators: FetchValidators = {},
): Promise<FetchResult> {
  const headers: Record<string, string> = { 'user-agent': 'seawall (vulnerability db update)' };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  let response: Awaited<ReturnType<typeof request>>;
  try {
    response = await request(url, {
      method: 'GET',
      headers,
      dispatcher: dispatcher(),
      headersTimeout: TIMEOUT_MS,
      bodyTimeout: TIMEOUT_MS,
    });
  } catch (err) {
    throw new InputError(url, `cannot fetch (${messageOf(err)})`);
  }
  if (response.statusCode === 304) {
    await response.body.dump();
    return { changed: false };
  }
  if (response.statusCode !== 200) {
    await response.body.dump();
    throw new InputError(url, `HTTP ${response.statusCode}`);
  }
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > MAX_FEED_BYTES) return done(new Error(`larger than ${MAX_FEED_BYTES} bytes`));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(response.body, meter, createWriteStream(file));
  } catch (err) {
    rmSync(file, { force: true });
    throw new InputError(url, `download failed (${messageOf(err)})`);
  }
  const expected = Number(header(response.headers, 'content-length') ?? NaN);
  if (Number.isFinite(expected) && expected !== bytes) {
    rmSync(file, { force: true });
    throw new InputError(url, `download cut short (${bytes} of ${expected} bytes)`);
  }
  const result: FetchResult = { changed: true, file, sha256: hash.digest('hex') };
  const etag = header(response.headers, 'etag');
  const lastModified = header(response.headers, 'last-modified');
  if (etag) result.etag = etag;
  if (lastModified) result.lastModified = lastModified;
  return result;
}

/**
 * The local name of the n-th download: the URL's own extension is kept (`all.zip` stays a zip to the importers), the
 * rest of the name is ours.
 */
export function downloadName(url: string, n: number): string {
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(new URL(url).pathname)?.[0] ?? '';
  return `feed-${n}${ext.toLowerCase()}`;
}

/** A small text resource (a checksum file), whole. */
export async function fetchText(url: string): Promise<string> {
  try {
    const response = await request(url, { method: 'GET', dispatcher: dispatcher() });
    const text = await response.body.text();
    if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}`);
    return text;
  } catch (err) {
    throw new InputError(url, `cannot fetch (${messageOf(err)})`);
  }
}

function header(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Closes idle keep-alive connections, so a finished update does not hold the process open. */
export async function closeFeedConnections(): Promise<void> {
  const d = redirecting;
  redirecting = undefined;
  await d?.close();
}
