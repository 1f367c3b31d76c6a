import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { InputError } from '../errors.js';
import { fixturePath, scratchDir } from '../testing/fixtures.js';
import { auditFile, auditText } from './audit-file.js';

describe('auditFile', () => {
  it('audits a Dockerfile whatever its name, locating findings at the path as given', async () => {
    const path = fixturePath('dockerfile', 'flask-app.Dockerfile');
    const result = await auditFile(path);
    assert.equal(result.kind, 'dockerfile');
    assert.equal(result.findings.length, 15);
    assert.ok(result.findings.every((f) => f.location.path === path));
  });

  for (const [what, path, problem] of [
    ['a missing file', '/no/such/Dockerfile', /^\/no\/such\/Dockerfile: no such file$/],
    ['a directory', fixturePath('dockerfile'), /is a directory, not a file to audit$/],
    [
      'a Kubernetes manifest',
      fixturePath('dockerfile', 'not-a-config.sh'),
      /not-a-config\.sh: not a Dockerfile \(unknown instruction "echo" on line 3\) nor a container configuration/,
    ],
  ] as const) {
    it(`refuses ${what} with an InputError naming the file`, async () => {
      await assert.rejects(auditFile(path), (err: unknown) => {
        assert.ok(err instanceof InputError);
        assert.match(err.message, problem);
        return true;
      });
    });
  }
});

describe('auditText', () => {
  it('takes parser directives, comments and ARG before FROM', () => {
    assert.equal(
      auditText('# syntax=docker/dockerfile:1\n\nARG V=1\nfrom alpine:$V\n', 'x').kind,
      'dockerfile',
    );
  });

  for (const [text, problem] of [
    ['', 'no instructions'],
    ['RUN echo hi\nFROM alpine:3.20\n', 'it starts with RUN, not FROM or ARG'],
    ['ARG V=1\n', 'no FROM instruction'],
    ['#!/bin/sh\necho hello\n', 'unknown instruction "echo" on line 2'],
  ] as const) {
    it(`says why ${JSON.stringify(text.slice(0, 12))} is not a Dockerfile: ${problem}`, () => {
      assert.throws(
        () => auditText(text, 'in'),
        (err: unknown) => {
          assert.ok(err instanceof InputError);
          assert.ok(
            err.message.startsWith(
              `in: not a Dockerfile (${problem}) nor a container configuration`,
            ),
            err.message,
          );
          return true;
        },
      );
    });
  }

  it('reads a file with a BOM and CRLF line ends', async () => {
    const scratch = scratchDir('audit-crlf');
    try {
      const path = join(scratch.dir, 'Containerfile');
      writeFileSync(path, '\uFEFFFROM alpine\r\nUSER nobody\r\nHEALTHCHECK CMD ["true"]\r\n');
      const { findings } = await auditFile(path);
      assert.deepEqual(
        findings.map((f) => [f.id, f.location.line]),
        [['SW-DF-007', 1]],
      );
    } finally {
      scratch.remove();
    }
  });
});
