// Serialises subnet allocation between concurrent `seawall run`s (and concurrent calls in one process), so two private
// networks never pick the same /30. The lock is a Linux abstract-namespace Unix socket, see unix(7):
// https://man7.org/linux/man-pages/man7/unix.7.html

import { createServer, type Server } from 'node:net';

// Only one socket can be bound to an abstract name, and the kernel unbinds it when its owner exits, however it exits:
// unlike a lock file, a crashed `seawall run` never leaves a stale lock behind for the next one to guess about.
const LOCK_NAME = '\0seawall/network-allocation.lock';
const WAIT_MS = 30_000;

/** Runs `fn` while holding the network allocation lock (waiting up to 30 s for it). */
export async function withNetworkLock<T>(fn: () => Promise<T>): Promise<T> {
  const server = await acquire();
  try {
    return await fn();
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

async function acquire(): Promise<Server> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const server = createServer();
    const taken = await new Promise<boolean>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) =>
        err.code === 'EADDRINUSE' ? resolve(false) : reject(err),
      );
      server.listen(LOCK_NAME, () => resolve(true));
    });
    if (taken) return server;
    if (Date.now() > deadline)
      throw new Error('timed out after 30 s waiting for the container network allocation lock');
    await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 40));
  }
}
