// The hardening checks `seawall scan --scanners secret,config` runs over an inventory: secrets from every layer,
// the image configuration and history, the squashed filesystem, and the Dockerfile when one is given.

import type { Analyzer } from '../analyze/analyzer.js';
import { hardeningAnalyzer, type HardeningEvidence } from '../analyze/hardening.js';
import { secretsAnalyzer, type SecretEvidence } from '../analyze/secrets.js';
import type { Finding } from '../model/finding.js';
import type { Inventory } from '../model/inventory.js';
import { lintDockerfile } from './dockerfile/index.js';
import { filesystemFindings } from './filesystem/index.js';
import { imageConfigFindings } from './image-config/index.js';
import { compareFindingsOfChecks } from './order.js';
import { secretFindings } from './secrets/findings.js';
import { scanForSecrets } from './secrets/scan-text.js';

export interface CheckOptions {
  scanners: readonly string[];
  /** The Dockerfile as given on the command line, and its text. */
  dockerfile?: string;
  dockerfileText?: string;
}

/** The analyzers whose evidence the checks of these scanners read. */
export function checkAnalyzers(scanners: readonly string[]): Analyzer[] {
  const analyzers: Analyzer[] = [];
  if (scanners.includes('secret')) analyzers.push(secretsAnalyzer as Analyzer);
  if (scanners.includes('config')) analyzers.push(hardeningAnalyzer as Analyzer);
  return analyzers;
}

export async function runChecks(inventory: Inventory, options: CheckOptions): Promise<Finding[]> {
  const findings: Finding[] = [];
  const evidence = inventory.evidence ?? {};
  if (options.scanners.includes('secret')) {
    const secrets = evidence[secretsAnalyzer.name] as SecretEvidence[] | undefined;
    if (secrets) findings.push(...secretFindings(secrets));
  }
  if (options.scanners.includes('config')) {
    const scanText = (text: string) =>
      scanForSecrets(Buffer.from(text, 'utf8'), 'image config').map((m) => ({
        rule: m.rule,
        masked: m.masked,
      }));
    findings.push(...imageConfigFindings(inventory, scanText));
    const hardening = evidence[hardeningAnalyzer.name] as HardeningEvidence | undefined;
    if (hardening) findings.push(...filesystemFindings(inventory, hardening));
    if (options.dockerfile && options.dockerfileText !== undefined)
      findings.push(...lintDockerfile(options.dockerfileText, options.dockerfile));
  }
  return findings.sort(compareFindingsOfChecks);
}
