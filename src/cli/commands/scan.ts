// `seawall scan TARGET`: known vulnerabilities of an image, directory or SBOM, with fixes, as a report and a CI gate.

import { existsSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { runScanJob, SCANNERS, type Scanner } from '../../jobs/scan-job.js';
import { SCAN_FORMATS, type ScanFormat } from '../../report/formats.js';
import { SEVERITIES, type Severity } from '../../vulndb/advisory.js';
import { InputError } from '../../errors.js';
import { EXIT_FINDINGS, reportPartialErrors, type CommandRun } from '../errors.js';
import { endProgress, progressReporter, writeOutput } from '../output.js';
import { addTargetOptions, scanOptionsFrom, type TargetFlags } from '../scan-options.js';

/** Read from the working directory when present, as .gitignore is. */
const DEFAULT_IGNORE_FILE = '.seawallignore.yaml';

interface ScanFlags extends TargetFlags {
  format: ScanFormat;
  output?: string;
  db?: string;
  severity?: Severity[];
  ignoreUnfixed?: boolean;
  failOn?: Severity;
  ignoreFile?: string;
  vex: string[];
  dockerfile?: string;
  detection: 'default' | 'comprehensive';
  offline?: boolean;
  scanners: Scanner[];
}

export function registerScan(program: Command, run: CommandRun): void {
  const cmd = program
    .command('scan')
    .description(
      'find known vulnerabilities (and with --scanners, secrets and misconfigurations) in an image, root filesystem or SBOM',
    )
    .argument(
      '<target>',
      'oci:DIR[:TAG|@DIGEST], oci-archive:FILE, docker-archive:FILE, dir:DIR, registry:REF, sbom:FILE, or a path',
    )
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices([...SCAN_FORMATS])
        .default('table'),
    )
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--db <file>', 'vulnerability database (default: ~/.cache/seawall/vulndb/seawall.db)')
    .addOption(
      new Option(
        '--scanners <list>',
        'what to look for, comma-separated: vuln, secret, config (image hardening, and --dockerfile)',
      )
        .argParser(scannerList)
        .default(['vuln'], 'vuln'),
    )
    .addOption(
      new Option('--severity <list>', 'only these severities, comma-separated').argParser(
        severityList,
      ),
    )
    .option('--ignore-unfixed', 'leave out vulnerabilities with no fixed version')
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding at or above this remains').choices([
        ...SEVERITIES,
      ]),
    )
    .option('--ignore-file <file>', `suppressions (default: ./${DEFAULT_IGNORE_FILE} when present)`)
    .option('--vex <file>', 'OpenVEX document (repeatable)', collect, [])
    .option('--dockerfile <file>', 'the Dockerfile SARIF results point at')
    .addOption(
      new Option(
        '--detection <mode>',
        'comprehensive: also match language packages an OS package installed against their ecosystem',
      )
        .choices(['default', 'comprehensive'])
        .default('default'),
    )
    .option('--offline', 'never touch the network (refuses registry: targets)');
  addTargetOptions(cmd).action(async (target: string, flags: ScanFlags) => {
    // Matching is always local; only pulling an image from a registry would reach out.
    if (flags.offline && target.startsWith('registry:'))
      throw new InputError(
        target,
        'a registry target needs the network; it cannot be scanned with --offline',
      );
    const progress = progressReporter(!!flags.quiet);
    const base = scanOptionsFrom(flags);
    const ignoreFile =
      flags.ignoreFile ?? (existsSync(DEFAULT_IGNORE_FILE) ? DEFAULT_IGNORE_FILE : undefined);
    const result = await runScanJob(target, {
      ...base,
      onProgress: progress,
      format: flags.format,
      dbPath: flags.db,
      scanners: flags.scanners,
      detection: flags.detection,
      severities: flags.severity,
      ignoreUnfixed: flags.ignoreUnfixed,
      failOn: flags.failOn,
      ignoreFiles: ignoreFile ? [ignoreFile] : [],
      vexFiles: flags.vex,
      dockerfile: flags.dockerfile,
    });
    endProgress(progress);
    writeOutput(result.text, flags.output);
    for (const w of result.report.warnings) base.onWarning?.(w);
    if (result.errors.length > 0) run.exitCode = reportPartialErrors(result.errors);
    else if (result.gate === 1) run.exitCode = EXIT_FINDINGS;
  });
}

function severityList(value: string): Severity[] {
  const list = value.split(',').map((s) => s.trim().toLowerCase());
  for (const s of list)
    if (!(SEVERITIES as readonly string[]).includes(s))
      throw new InputError(
        '--severity',
        `unknown severity ${JSON.stringify(s)} (expected ${SEVERITIES.join(', ')})`,
      );
  return list as Severity[];
}

function scannerList(value: string): Scanner[] {
  const list = [...new Set(value.split(',').map((s) => s.trim().toLowerCase()))];
  for (const s of list)
    if (!(SCANNERS as readonly string[]).includes(s))
      throw new InputError(
        '--scanners',
        `unknown scanner ${JSON.stringify(s)} (expected ${SCANNERS.join(', ')})`,
      );
  return list as Scanner[];
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
