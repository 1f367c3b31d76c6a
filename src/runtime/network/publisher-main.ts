// The detached publisher's process: `node publisher-main.js CONTAINER_ADDRESS 127.0.0.1:HOSTPORT:PORT/tcp...`,
// started by spawnDetachedPublisher; it forwards every mapping until SIGTERM (or SIGINT), logging to its stdout.

import { messageOf } from '../../errors.js';
import { parsePublish, startPublisher } from './publish.js';

const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);

async function main(args: string[]): Promise<void> {
  const [address, ...texts] = args;
  if (!address || texts.length === 0) {
    log('usage: publisher-main CONTAINER_ADDRESS 127.0.0.1:HOSTPORT:PORT/tcp...');
    process.exit(2);
  }
  const running: { close(): Promise<void> }[] = [];
  const stop = async (code: number) => {
    await Promise.all(running.map((p) => p.close()));
    process.exit(code);
  };
  // Handlers first, so a SIGTERM during start-up still closes what was opened.
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.once(signal, () => {
      log(`${signal}: stopping`);
      void stop(0);
    });
  try {
    for (const text of texts) {
      const mapping = parsePublish(text);
      running.push(await startPublisher(mapping, address, { log }));
      log(`listening 127.0.0.1:${mapping.hostPort} -> ${address}:${mapping.containerPort}`);
    }
  } catch (err) {
    log(`error: ${messageOf(err)}`);
    await stop(2);
  }
}

await main(process.argv.slice(2));
