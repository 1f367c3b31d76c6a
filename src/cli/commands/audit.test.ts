// `seawall audit` wired into a commander program the way main() does, so its options, output and exit code are
// tested before the lead registers it in main.ts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Command } from 'commander';
import { InputError } from '../../errors.js';
import { fixturePath, scratchDir } from '../../testing/fixtures.js';
import type { CommandRun } from '../errors.js';
import { registerAudit } from './audit.js';

async function audit(...args: string[]): Promise<number> {
  const program = new Command('seawall').exitOverride();
  const run: CommandRun = { exitCode: 0 };
  registerAudit(program, run);
  for (const cmd of program.commands) cmd.exitOverride().configureOutput({ writeErr: () => {} });
  await program.parseAsync(['audit', ...args], { from: 'user' });
  return run.exitCode;
}

describe('seawall audit', () => {
  const dockerfile = fixturePath('dockerfile', 'suppressed.Dockerfile');

  it('writes the scan report JSON (target kind file) with sorted keys, and exits 0 without --fail-on', async () => {
    const scratch = scratchDir('audit-json');
    try {
      const out = join(scratch.dir, 'report.json');
      assert.equal(await audit(dockerfile, '-f', 'json', '-o', out), 0);
      const text = readFileSync(out, 'utf8');
      const report = JSON.parse(text) as {
        target: { input: string; kind: string };
        findings: { id: string; suppressed?: unknown }[];
        vulnerabilities: unknown[];
      };
      assert.deepEqual(Object.keys(report), [...Object.keys(report)].sort());
      assert.deepEqual(report.target, { input: dockerfile, kind: 'file', name: dockerfile });
      assert.deepEqual(report.vulnerabilities, []);
      assert.deepEqual(
        report.findings.map((f) => [f.id, f.suppressed !== undefined]),
        [
          ['SW-DF-001', true],
          ['SW-DF-006', true],
          ['SW-DF-010', true],
          ['SW-DF-010', false],
          ['SW-DF-024', true],
        ],
      );
      const keys = Object.keys(JSON.parse(text).findings[0] as object);
      assert.deepEqual(keys, [...keys].sort());
    } finally {
      scratch.remove();
    }
  });

  it('gates on unsuppressed findings: only the low one is left here', async () => {
    const scratch = scratchDir('audit-gate');
    try {
      const out = join(scratch.dir, 'report.txt');
      assert.equal(await audit(dockerfile, '--fail-on', 'medium', '-o', out), 0);
      assert.equal(await audit(dockerfile, '--fail-on', 'low', '-o', out), 1);
      const table = readFileSync(out, 'utf8');
      assert.match(
        table,
        new RegExp(`^Target:\\s+${dockerfile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(file\\)`),
      );
      assert.match(table, /SW-DF-010\s+low\s+dockerfile\s+\S+:15\s+apk add without --no-cache/);
      assert.match(table, /Findings: 1 .*4 suppressed/);
    } finally {
      scratch.remove();
    }
  });

  it('writes SARIF with one rule per id and the suppressed results marked in source', async () => {
    const scratch = scratchDir('audit-sarif');
    try {
      const out = join(scratch.dir, 'report.sarif');
      await audit(dockerfile, '--format', 'sarif', '-o', out);
      const sarif = JSON.parse(readFileSync(out, 'utf8')) as {
        version: string;
        runs: {
          tool: { driver: { rules: { id: string }[] } };
          results: {
            ruleId: string;
            locations: { physicalLocation: { region: { startLine: number } } }[];
            suppressions?: unknown[];
          }[];
        }[];
      };
      assert.equal(sarif.version, '2.1.0');
      const [run] = sarif.runs;
      assert.deepEqual(
        run!.tool.driver.rules.map((r) => r.id),
        ['SW-DF-001', 'SW-DF-006', 'SW-DF-010', 'SW-DF-024'],
      );
      assert.deepEqual(
        run!.results.map((r) => [
          r.ruleId,
          r.locations[0]!.physicalLocation.region.startLine,
          !!r.suppressions,
        ]),
        [
          ['SW-DF-001', 12, true],
          ['SW-DF-006', 12, true],
          ['SW-DF-010', 14, true],
          ['SW-DF-010', 15, false],
          ['SW-DF-024', 12, true],
        ],
      );
    } finally {
      scratch.remove();
    }
  });

  it('throws an InputError for a file that is not a Dockerfile, which main() prints as one line', async () => {
    await assert.rejects(audit(fixturePath('dockerfile', 'not-a-config.sh')), (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.match(err.message, /not a Dockerfile/);
      assert.doesNotMatch(err.message, /\n/);
      return true;
    });
  });

  it('refuses an unknown format', async () => {
    await assert.rejects(audit(dockerfile, '-f', 'xml'), /argument 'xml' is invalid/);
  });
});
