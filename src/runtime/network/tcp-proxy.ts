// A TCP proxy: every connection accepted on a local address is joined to a new connection to the upstream address,
// bytes piped both ways, each side's FIN passed on (TCP half-close, RFC 9293 section 3.6) and errors kept per connection.

import { createServer, connect, type Socket } from 'node:net';
import { InputError, messageOf } from '../../errors.js';

export interface ProxyEndpoints {
  listenHost: string;
  listenPort: number;
  upstreamHost: string;
  upstreamPort: number;
}

export interface ProxyOptions {
  /** Where connection failures are reported (one line each); by default they are dropped. */
  log?: (line: string) => void;
}

export interface RunningProxy {
  /** Stops listening and cuts the connections still open. */
  close(): Promise<void>;
}

/** Listens on listenHost:listenPort; a port already taken is an InputError naming it. */
export async function startTcpProxy(
  endpoints: ProxyEndpoints,
  options: ProxyOptions = {},
): Promise<RunningProxy> {
  const { listenHost, listenPort, upstreamHost, upstreamPort } = endpoints;
  const log = options.log ?? (() => undefined);
  const open = new Set<Socket>();
  const track = (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  };

  // allowHalfOpen on both sides: a client that shuts down its sending side still gets the whole reply, as pipe()
  // only ends the other socket's writing side when one side's reading side ends.
  const server = createServer({ allowHalfOpen: true }, (client) => {
    const upstream = connect({ host: upstreamHost, port: upstreamPort, allowHalfOpen: true });
    track(client);
    track(upstream);
    const fail = (side: 'client' | 'upstream') => (err: Error) => {
      const peer =
        side === 'upstream'
          ? `${upstreamHost}:${upstreamPort}`
          : `${client.remoteAddress}:${client.remotePort}`;
      log(`${side} ${peer}: ${messageOf(err)}`);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', fail('client'));
    upstream.on('error', fail('upstream'));
    client.pipe(upstream);
    upstream.pipe(client);
  });
  // Errors on the listening socket after it is up (rare: EMFILE on accept) must not end the process.
  const onServerError = (err: Error) =>
    log(`listener ${listenHost}:${listenPort}: ${messageOf(err)}`);

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const subject = `${listenHost}:${listenPort}`;
      if (err.code === 'EADDRINUSE')
        reject(new InputError(subject, `host port ${listenPort} is already in use`));
      else if (err.code === 'EACCES')
        reject(new InputError(subject, `not allowed to listen on host port ${listenPort}`));
      else reject(err);
    });
    server.listen({ host: listenHost, port: listenPort }, () => {
      server.removeAllListeners('error');
      server.on('error', onServerError);
      resolve();
    });
  });

  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of open) socket.destroy();
      }),
  };
}
