// The HTTP transport under the registry client: undici GETs with a custom CA or unverified TLS, bounded retries of
// transient failures, redirects (registries send blob downloads to storage), timeouts, and clearly named network errors.
// Protocol: HTTP/1.1 (RFC 9110) as the OCI distribution spec uses it: https://github.com/opencontainers/distribution-spec

import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { rootCertificates } from 'node:tls';
import { Agent, request } from 'undici';
import { InputError, messageOf } from '../../errors.js';
import { SEAWALL_VERSION } from '../../version.js';

export interface TransportOptions {
  /** Extra trusted CA certificates (PEM), added to Node's bundled roots. */
  ca?: string;
  /** Skip TLS certificate verification (an insecure registry). */
  insecureTls?: boolean;
  connectTimeoutMs?: number;
  /** Longest wait for response headers. */
  headersTimeoutMs?: number;
  /** Longest silence while a body is being received (not counted while the reader is paused). */
  bodyTimeoutMs?: number;
  /** Tries of one request when it fails transiently (5xx, 429, reset connections). */
  attempts?: number;
  /** First retry delay; doubled per retry, capped at MAX_RETRY_DELAY_MS. */
  retryDelayMs?: number;
  maxRedirects?: number;
}

export interface HttpResponse {
  status: number;
  /** Where the answer finally came from, after redirects. */
  url: URL;
  body: Readable;
  header(name: string): string | undefined;
}

/** Why a request could not be made; `tls-protocol` is what a plain-HTTP server looks like to a TLS client. */
export type ConnectionProblem =
  'tls-certificate' | 'tls-protocol' | 'refused' | 'dns' | 'timeout' | 'network';

/** A request that never got an HTTP answer. */
export class ConnectionError extends InputError {
  constructor(
    subject: string,
    problem: string,
    readonly kind: ConnectionProblem,
    options?: { cause?: unknown },
  ) {
    super(subject, problem, options);
    this.name = 'ConnectionError';
  }
}

const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
]);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
const TLS_PROTOCOL_CODES = new Set([
  'EPROTO',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'ERR_SSL_HTTP_REQUEST',
]);
const TLS_CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);
const MAX_RETRY_DELAY_MS = 2000;
const USER_AGENT = `seawall/${SEAWALL_VERSION}`;
const MAX_RETRY_AFTER_MS = 5000;

export class HttpTransport {
  private readonly agent: Agent;
  private readonly attempts: number;
  private readonly retryDelayMs: number;
  private readonly maxRedirects: number;

  /** `subject` names the target in every error. */
  constructor(
    readonly subject: string,
    options: TransportOptions = {},
  ) {
    this.attempts = Math.max(1, options.attempts ?? 3);
    this.retryDelayMs = options.retryDelayMs ?? 250;
    this.maxRedirects = options.maxRedirects ?? 5;
    this.agent = new Agent({
      connect: {
        // Setting `ca` replaces the default roots; keep them so a token realm on a public host still verifies.
        ca: options.ca !== undefined ? [...rootCertificates, options.ca] : undefined,
        rejectUnauthorized: !options.insecureTls,
        timeout: options.connectTimeoutMs ?? 15_000,
      },
      headersTimeout: options.headersTimeoutMs ?? 30_000,
      bodyTimeout: options.bodyTimeoutMs ?? 120_000,
    });
  }

  /**
   * GETs `url`, following redirects and retrying transient failures. Any HTTP status is returned (the caller reads
   * or dumps the body); only failures to get an answer throw, as ConnectionError.
   */
  async get(url: URL, headers: Record<string, string>): Promise<HttpResponse> {
    let current = url;
    let sent: Record<string, string> = { 'User-Agent': USER_AGENT, ...headers };
    for (let redirects = 0; ; redirects++) {
      const response = await this.getWithRetries(current, sent);
      const location = response.header('location');
      if (response.status < 300 || response.status >= 400 || response.status === 304 || !location) {
        return response;
      }
      response.body.resume();
      if (redirects >= this.maxRedirects) {
        throw new InputError(this.subject, `too many redirects from ${url.href}`);
      }
      const next = new URL(location, current);
      // Credentials for the registry must not travel to the storage service it redirects to.
      if (next.origin !== current.origin) {
        sent = Object.fromEntries(
          Object.entries(sent).filter(([k]) => k.toLowerCase() !== 'authorization'),
        );
      }
      current = next;
    }
  }

  /** Closes every connection at once, aborting requests still in flight. */
  destroy(): Promise<void> {
    return this.agent.destroy();
  }

  private async getWithRetries(url: URL, headers: Record<string, string>): Promise<HttpResponse> {
    for (let attempt = 1; ; attempt++) {
      const lastTry = attempt >= this.attempts;
      const backoff = Math.min(this.retryDelayMs * 2 ** (attempt - 1), MAX_RETRY_DELAY_MS);
      let data: Awaited<ReturnType<typeof request>>;
      try {
        data = await request(url, { method: 'GET', headers, dispatcher: this.agent });
      } catch (err) {
        if (!lastTry && TRANSIENT_CODES.has(errorCode(err))) {
          await sleep(backoff);
          continue;
        }
        throw this.connectionError(url, err);
      }
      const response: HttpResponse = {
        status: data.statusCode,
        url,
        body: data.body,
        header: (name) => {
          const value = data.headers[name.toLowerCase()];
          return Array.isArray(value) ? value.join(', ') : value;
        },
      };
      if (!lastTry && RETRY_STATUSES.has(response.status)) {
        data.body.resume();
        await sleep(retryAfterMs(response.header('retry-after')) ?? backoff);
        continue;
      }
      return response;
    }
  }

  /** Names what went wrong in words a user can act on. */
  connectionError(url: URL, err: unknown): ConnectionError {
    const code = errorCode(err);
    const host = url.host;
    const detail = `${code ? `${code}: ` : ''}${innermostMessage(err)}`;
    const fail = (kind: ConnectionProblem, problem: string): ConnectionError =>
      new ConnectionError(this.subject, problem, kind, { cause: err });
    if (code === 'ECONNREFUSED') {
      return fail('refused', `connection refused by ${host} (is a registry listening there?)`);
    }
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      return fail('dns', `cannot resolve registry host ${url.hostname} (${detail})`);
    }
    if (TIMEOUT_CODES.has(code)) {
      return fail('timeout', `timed out talking to ${host} (${detail})`);
    }
    if (TLS_CERTIFICATE_CODES.has(code)) {
      return fail(
        'tls-certificate',
        `TLS certificate of ${host} is not trusted (${detail}); trust the CA that signed it with --ca-cert FILE, or skip verification with --insecure-registry`,
      );
    }
    if (TLS_PROTOCOL_CODES.has(code) || /SSL|TLS/.test(code)) {
      return fail(
        'tls-protocol',
        `TLS handshake with ${host} failed (${detail}); if it serves plain HTTP, that is allowed only with --insecure-registry`,
      );
    }
    return fail('network', `network error talking to ${host} (${detail})`);
  }
}

/** Reads a whole (small) body, refusing more than `limit` bytes so a hostile server cannot exhaust memory. */
export async function readBody(
  response: HttpResponse,
  limit: number,
  subject: string,
): Promise<Buffer> {
  const declared = Number(response.header('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    // Destroying an undici body makes it emit an abort error; nobody else listens, so this one must.
    response.body.on('error', () => {});
    response.body.destroy();
    throw new InputError(subject, `response of ${declared} bytes exceeds the ${limit}-byte limit`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of response.body) {
      const buf = chunk as Buffer;
      total += buf.length;
      if (total > limit) {
        // Leaving the loop destroys the body.
        throw new InputError(subject, `response exceeds the ${limit}-byte limit`);
      }
      chunks.push(buf);
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(subject, `reading the response failed (${messageOf(err)})`, {
      cause: err,
    });
  }
  return Buffer.concat(chunks);
}

function errorCode(err: unknown): string {
  // undici wraps the socket's own error; the innermost code is the telling one.
  let found = '';
  let e: unknown = err;
  for (let depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') found = code;
    e = (e as { cause?: unknown }).cause;
  }
  return found;
}

/** The root cause's message on one line; OpenSSL's own reason ("wrong version number") rather than its error stack. */
function innermostMessage(err: unknown): string {
  let e = err;
  while (e && (e as { cause?: unknown }).cause) e = (e as { cause?: unknown }).cause;
  const reason = (e as { reason?: unknown } | undefined)?.reason;
  const message = typeof reason === 'string' && reason !== '' ? reason : messageOf(e);
  return message.replace(/\s+/g, ' ').trim();
}

function retryAfterMs(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, MAX_RETRY_AFTER_MS);
  const date = Date.parse(value);
  if (Number.isFinite(date)) return Math.min(Math.max(date - Date.now(), 0), MAX_RETRY_AFTER_MS);
  return undefined;
}
