// Starts the fleet API listening on an address, over HTTP or, with a certificate and key, HTTPS (Node's TLS through
// Fastify's https option: https://fastify.dev/docs/latest/Reference/Server/#https).

import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createSecureContext } from 'node:tls';
import { fileReadProblem, InputError, messageOf } from '../../errors.js';
import type { ServerContext } from '../context.js';
import { buildServerApp, type AppOptions } from './app.js';
import type { RateLimitOptions } from './rate-limit.js';

export interface StartOptions {
  /** Loopback unless told otherwise: a fleet server is put on the network on purpose. */
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** PEM files. */
  tls?: { certFile: string; keyFile: string };
  rateLimit?: RateLimitOptions | false;
  logger?: AppOptions['logger'];
}

export interface RunningServer {
  /** Where it listens, as `http://127.0.0.1:7070`. */
  url: string;
  /** Stops accepting, finishes the requests in flight and the audit writes, then returns. */
  close(): Promise<void>;
}

export async function startServer(
  ctx: ServerContext,
  options: StartOptions,
): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const appOptions: AppOptions = {};
  if (options.rateLimit !== undefined) appOptions.rateLimit = options.rateLimit;
  if (options.logger !== undefined) appOptions.logger = options.logger;
  if (options.tls) appOptions.https = readKeyPair(options.tls.certFile, options.tls.keyFile);
  const app = await buildServerApp(ctx, appOptions);
  try {
    await app.listen({ host, port: options.port });
  } catch (err) {
    await app.close();
    const code = (err as NodeJS.ErrnoException).code;
    const where = `${host}:${options.port}`;
    if (code === 'EADDRINUSE') throw new InputError(where, 'address already in use');
    if (code === 'EACCES') throw new InputError(where, 'permission denied');
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
      throw new InputError(where, 'no such local address');
    throw err;
  }
  const address = app.server.address() as AddressInfo;
  const hostInUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `${options.tls ? 'https' : 'http'}://${hostInUrl}:${address.port}`,
    close: () => app.close(),
  };
}

function readKeyPair(certFile: string, keyFile: string): { cert: Buffer; key: Buffer } {
  const pair = { cert: readPem(certFile), key: readPem(keyFile) };
  try {
    // What the HTTPS server would do with them, done here so the message can name the files.
    createSecureContext(pair);
  } catch (err) {
    throw new InputError(
      `${certFile}, ${keyFile}`,
      `not a usable PEM certificate and key (${messageOf(err)})`,
    );
  }
  return pair;
}

function readPem(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new InputError(file, fileReadProblem(err));
  }
}
