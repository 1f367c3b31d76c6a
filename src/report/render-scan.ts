// One entry point for every format of a `seawall scan` report; the SARIF, CycloneDX and JUnit renderers (and the
// CycloneDX library) are loaded only when asked for. Formats: src/report/formats.ts; JSON contract: docs/scan-json.md.

import type { ScanReport } from '../detect/scan-report.js';
import { InputError } from '../errors.js';
import type { Inventory } from '../model/inventory.js';
import type { ScanFormat } from './formats.js';
import { renderScanJson } from './scan-json.js';
import { renderScanTable } from './scan-table.js';

export { SCAN_FORMATS, type ScanFormat } from './formats.js';

export interface ScanRenderContext {
  /** The inventory the report was matched from: the CycloneDX output is its SBOM plus the vulnerabilities. */
  inventory: Inventory;
  /** Seawall's version, named as the producing tool (SARIF, CycloneDX). */
  toolVersion: string;
  /** The Dockerfile that built the image, as the user gave it: SARIF results point at its final FROM line. */
  dockerfile?: string;
  /** That Dockerfile's text, read by the caller. */
  dockerfileText?: string;
}

/** The report in `format`. Asynchronous only because the heavier renderers are imported on first use. */
export async function renderScanReport(
  report: ScanReport,
  format: ScanFormat,
  context: ScanRenderContext,
): Promise<string> {
  switch (format) {
    case 'table':
      return renderScanTable(report);
    case 'json':
      return renderScanJson(report);
    case 'sarif': {
      const { renderSarif } = await import('./sarif.js');
      return renderSarif(report, context);
    }
    case 'cyclonedx': {
      const { renderScanCycloneDx } = await import('./scan-cyclonedx.js');
      return renderScanCycloneDx(report, context);
    }
    case 'junit': {
      const { renderJunit } = await import('./junit.js');
      return renderJunit(report);
    }
    default: {
      // A format string that reached here unchecked (from a config file, say) rather than from the typed CLI option.
      const unknown: never = format;
      throw new InputError('--format', `unknown scan format "${String(unknown)}"`);
    }
  }
}
