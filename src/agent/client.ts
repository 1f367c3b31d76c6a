// The agent's side of the Seawall server API: POST /v1/agent/report and PUT /v1/images/{digest}/sbom with a bearer
// token (RFC 6750), over undici with an optional private CA and timeouts. HTTP semantics: RFC 9110,
// https://www.rfc-editor.org/rfc/rfc9110 ; bearer tokens: https://www.rfc-editor.org/rfc/rfc6750

import { rootCertificates } from 'node:tls';
import { Agent, request } from 'undici';
import { InputError, messageOf } from '../errors.js';
import type {
  ContainerEvent,
  DigestKind,
  EventBatchResult,
  HostReport,
} from '../server/store/types.js';
import { SEAWALL_VERSION } from '../version.js';
import { SHA256_DIGEST, isObject } from './discover/container.js';

/** The server said the token is wrong (401) or not allowed to report (403): retrying cannot help. */
export class ServerAuthError extends InputError {
  constructor(
    server: string,
    readonly status: number,
  ) {
    super(server, `the server refused the agent token (HTTP ${status})`);
    this.name = 'ServerAuthError';
  }
}

/** The server is away (no connection, a timeout, 5xx or 429): what was not acknowledged is sent again later. */
export class ServerUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ServerUnavailableError';
  }
}

/** The server answered, and refused the request itself (another 4xx, or an answer that is not the API's). */
export class ServerRejectedError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ServerRejectedError';
  }
}

export interface AgentClientOptions {
  /** The server's base URL (`https://seawall.example:8443`, perhaps with a path prefix). */
  server: string;
  token: string;
  /** PEM certificates of a private CA, trusted besides the usual roots. */
  ca?: string;
  /** Longest wait to connect, and for each answer (default 30 s). */
  timeoutMs?: number;
}

export const AGENT_NAME = `seawall-agent/${SEAWALL_VERSION}`;

/** The host part of a report: the server stamps the time it saw the host itself (HostReport.seenAt). */
export type AgentHost = Omit<HostReport, 'seenAt'>;

export class AgentClient {
  private readonly base: URL;
  private readonly dispatcher: Agent;

  constructor(private readonly options: AgentClientOptions) {
    this.base = parseServerUrl(options.server);
    const timeout = options.timeoutMs ?? 30_000;
    this.dispatcher = new Agent({
      connect: {
        // `ca` replaces Node's roots unless they are passed along too.
        ca: options.ca !== undefined ? [...rootCertificates, options.ca] : undefined,
        timeout,
      },
      headersTimeout: timeout,
      bodyTimeout: timeout,
    });
  }

  /** POST /v1/agent/report: the host and a batch of events; the answer names the images the server lacks. */
  async report(host: AgentHost, events: readonly ContainerEvent[]): Promise<EventBatchResult> {
    const answer = await this.send('POST', 'v1/agent/report', JSON.stringify({ host, events }));
    if (
      !isObject(answer) ||
      typeof answer.accepted !== 'number' ||
      !Array.isArray(answer.unknownImages)
    )
      throw new ServerRejectedError(
        `${this.base.href}: the report's answer is not { accepted, unknownImages }`,
        200,
      );
    const unknownImages = answer.unknownImages
      .filter((d): d is string => typeof d === 'string' && SHA256_DIGEST.test(d))
      .sort();
    return { accepted: answer.accepted, unknownImages: [...new Set(unknownImages)] };
  }

  /** PUT /v1/images/{digest}/sbom?kind=&name=: a CycloneDX JSON document of the image. */
  async putSbom(
    digest: string,
    kind: DigestKind,
    name: string | undefined,
    bom: string,
  ): Promise<void> {
    if (!SHA256_DIGEST.test(digest)) throw new Error(`not an image digest: ${digest}`);
    const query = new URLSearchParams({ kind });
    if (name) query.set('name', name);
    await this.send('PUT', `v1/images/${digest}/sbom?${query.toString()}`, bom);
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  private async send(method: 'POST' | 'PUT', path: string, body: string): Promise<unknown> {
    const url = new URL(path, this.base);
    let statusCode: number;
    let text: string;
    try {
      const res = await request(url, {
        method,
        body,
        dispatcher: this.dispatcher,
        headers: {
          authorization: `Bearer ${this.options.token}`,
          'content-type': 'application/json',
          'user-agent': AGENT_NAME,
        },
      });
      statusCode = res.statusCode;
      text = await res.body.text();
    } catch (err) {
      throw new ServerUnavailableError(`${method} ${url.href}: ${connectionProblem(err)}`, {
        cause: err,
      });
    }
    if (statusCode === 401 || statusCode === 403)
      throw new ServerAuthError(this.base.href, statusCode);
    if (statusCode >= 500 || statusCode === 429 || statusCode === 408)
      throw new ServerUnavailableError(`${method} ${url.href}: HTTP ${statusCode}${detail(text)}`);
    if (statusCode < 200 || statusCode > 299)
      throw new ServerRejectedError(
        `${method} ${url.href}: HTTP ${statusCode}${detail(text)}`,
        statusCode,
      );
    if (!text.trim()) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
}

/** The server URL as given, checked: http or https, no credentials or query; a trailing slash so paths append. */
export function parseServerUrl(server: string): URL {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new InputError(`--server ${server}`, 'not a URL (http://HOST:PORT or https://HOST:PORT)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InputError(`--server ${server}`, 'must be an http:// or https:// URL');
  if (url.username || url.password || url.search || url.hash)
    throw new InputError(`--server ${server}`, 'must not hold credentials, a query or a fragment');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/** The server's own words, briefly: a JSON `message`/`error`, or the start of the text. */
function detail(text: string): string {
  let message: string | undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (isObject(value))
      message = [value.message, value.error].find((v): v is string => typeof v === 'string');
  } catch {
    message = text.trim().slice(0, 200) || undefined;
  }
  return message ? ` (${message.replace(/\s+/g, ' ')})` : '';
}

function connectionProblem(err: unknown): string {
  const code = (err as { code?: string } | null)?.code;
  const cause = (err as { cause?: { code?: string } } | null)?.cause?.code;
  const c = code ?? cause;
  if (c === 'ECONNREFUSED') return 'connection refused';
  if (
    c === 'UND_ERR_CONNECT_TIMEOUT' ||
    c === 'UND_ERR_HEADERS_TIMEOUT' ||
    c === 'UND_ERR_BODY_TIMEOUT'
  )
    return 'timed out';
  return messageOf(err);
}
