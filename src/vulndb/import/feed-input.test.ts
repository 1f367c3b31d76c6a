import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { InputError } from '../../errors.js';
import { scratchDir } from '../../testing/fixtures.js';
import { feedLines, peekFeedText } from './feed-input.js';

const scratch = scratchDir('feed-input');
after(() => scratch.remove());

function file(name: string, content: string | Buffer): string {
  const path = join(scratch.dir, name);
  writeFileSync(path, content);
  return path;
}

async function lines(path: string): Promise<string[]> {
  const out: string[] = [];
  for await (const line of feedLines(path)) out.push(line);
  return out;
}

describe('feedLines', () => {
  it('splits LF and CRLF, drops a BOM, keeps a last line without newline', async () => {
    assert.deepEqual(await lines(file('a.txt', '\ufeffone\r\ntwo\n\nthree')), [
      'one',
      'two',
      '',
      'three',
    ]);
  });

  it('reads through gzip, told by the magic bytes', async () => {
    const many = Array.from({ length: 50000 }, (_, i) => `CVE-2024-${i},0.1,0.2`);
    const path = file('scores.csv', gzipSync(Buffer.from(many.join('\n') + '\n')));
    assert.deepEqual(await lines(path), many);
  });

  it('a corrupt or cut gzip stream throws InputError naming the file', async () => {
    const packed = gzipSync(
      Buffer.from('[29 Mar 2023] DSA-5380-1 xorg-server - security update\n'.repeat(200)),
    );
    for (const [name, bytes] of [
      ['corrupt.gz', Buffer.concat([packed.subarray(0, 10), Buffer.alloc(64, 0xff)])],
      ['cut.gz', packed.subarray(0, packed.length - 12)],
    ] as const) {
      const path = file(name, bytes);
      await assert.rejects(lines(path), (err: unknown) => {
        assert.ok(err instanceof InputError, name);
        assert.equal(err.subject, path);
        assert.match(err.problem, /^cannot read: /);
        return true;
      });
    }
  });

  it('a missing file throws InputError naming it', async () => {
    const path = join(scratch.dir, 'nope');
    await assert.rejects(lines(path), { name: 'InputError', subject: path });
  });
});

describe('peekFeedText', () => {
  it('returns the first bytes, decompressed', async () => {
    const text = 'cve,epss,percentile\n'.repeat(2000);
    assert.equal(await peekFeedText(file('plain.csv', text), 20), 'cve,epss,percentile\n');
    assert.equal(
      await peekFeedText(file('packed.csv', gzipSync(Buffer.from(text))), 40),
      text.slice(0, 40),
    );
    assert.equal(await peekFeedText(file('short.txt', 'x'), 100), 'x');
  });
});
