import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { withNetworkLock } from './network-lock.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the network allocation lock', () => {
  it('lets one holder in at a time within a process', async () => {
    const events: string[] = [];
    await Promise.all(
      [0, 1, 2, 3].map((i) =>
        withNetworkLock(async () => {
          events.push(`in ${i}`);
          await sleep(20);
          events.push(`out ${i}`);
        }),
      ),
    );
    for (let k = 0; k < events.length; k += 2)
      assert.equal(events[k + 1], events[k]!.replace('in', 'out'), events.join(', '));
  });

  it('excludes another process, and is free again once that process is killed', async () => {
    const lockModule = fileURLToPath(new URL('./network-lock.js', import.meta.url));
    const script = `const { withNetworkLock } = await import(${JSON.stringify(lockModule)});
      await withNetworkLock(async () => { console.log('held'); await new Promise(() => setInterval(() => {}, 1000)); });`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
      const waited = withNetworkLock(async () => 'got it');
      const early = await Promise.race([waited, sleep(300).then(() => 'still waiting')]);
      assert.equal(early, 'still waiting');
      child.kill('SIGKILL'); // never releases it itself: the kernel does
      assert.equal(await waited, 'got it');
    } finally {
      child.kill('SIGKILL');
    }
  });
});
