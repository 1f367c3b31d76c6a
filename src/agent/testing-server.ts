// A stand-in for the Seawall server in the agent's tests: node:http, recording every request, applying events as the
// real store does (an upsert by host, runtime, id and start time), and able to fail on demand.

import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ContainerEvent } from '../server/store/types.js';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization?: string;
  contentType?: string;
  body: unknown;
}

/** How the next requests are answered. */
export type ServerMode =
  | 'ok'
  /** 503 to everything. */
  | 'unavailable'
  /** Apply a report, then cut the connection before answering: the agent never sees the acknowledgement. */
  | 'apply-then-drop'
  /** 503 to SBOM uploads only. */
  | 'sbom-unavailable';

export interface FakeServer {
  url: string;
  token: string;
  requests: RecordedRequest[];
  /** The runs as the server's upsert leaves them, by run key. */
  runs: Map<string, ContainerEvent>;
  /** Uploaded SBOMs by digest. */
  sboms: Map<string, unknown>;
  mode: ServerMode;
  reports(): RecordedRequest[];
  close(): Promise<void>;
}

export async function startFakeServer(tls?: { key: string; cert: string }): Promise<FakeServer> {
  const fake: FakeServer = {
    url: '',
    token: 'agent-token-1',
    requests: [],
    runs: new Map(),
    sboms: new Map(),
    mode: 'ok',
    reports: () => fake.requests.filter((r) => r.path === '/v1/agent/report'),
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
  const handler = async (req: IncomingMessage, res: import('node:http').ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://x');
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // kept as text
    }
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
    };
    if (req.headers.authorization) recorded.authorization = req.headers.authorization;
    if (req.headers['content-type']) recorded.contentType = req.headers['content-type'];
    fake.requests.push(recorded);
    const send = (status: number, answer: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    };
    if (req.headers.authorization !== `Bearer ${fake.token}`)
      return send(401, { error: 'unknown token' });
    if (fake.mode === 'unavailable') return send(503, { error: 'the store is not reachable' });
    if (req.method === 'POST' && url.pathname === '/v1/agent/report') {
      const events = (body as { events: ContainerEvent[] }).events;
      const unknown = new Set<string>();
      for (const e of events) {
        fake.runs.set(JSON.stringify([e.host, e.runtime, e.containerId, e.startedAt]), e);
        if (!fake.sboms.has(e.image.digest)) unknown.add(e.image.digest);
      }
      if (fake.mode === 'apply-then-drop') {
        req.socket.destroy();
        return;
      }
      return send(200, { accepted: events.length, unknownImages: [...unknown].sort() });
    }
    const sbom = /^\/v1\/images\/(sha256:[0-9a-f]{64})\/sbom$/.exec(url.pathname);
    if (req.method === 'PUT' && sbom) {
      if (fake.mode === 'sbom-unavailable') return send(503, { error: 'busy' });
      fake.sboms.set(sbom[1]!, body);
      return send(200, { digest: sbom[1], packages: 0 });
    }
    return send(404, { error: 'no such route' });
  };
  const server: Server = tls
    ? createHttpsServer(tls, (req, res) => void handler(req, res))
    : createServer((req, res) => void handler(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  fake.url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return fake;
}
