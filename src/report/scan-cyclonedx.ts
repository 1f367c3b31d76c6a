// The scan report as a CycloneDX 1.6 BOM with vulnerabilities: the Inventory's SBOM (src/sbom/cyclonedx.ts) plus one
// vulnerability object per finding. Spec: https://cyclonedx.org/docs/1.6/json/#vulnerabilities
//
// Choices:
// - The BOM model is the SBOM renderer's own (buildCycloneDxBom), so components and refs are exactly those of
//   `seawall sbom --format cyclonedx`; the vulnerabilities are added as the library's models and serialised with it.
//   serialNumber is derived from the whole content, vulnerabilities included, as the SBOM's is from its own.
// - One vulnerability per finding, in the report's order; bom-ref `seawall:vulnerability:ID:PURL` (purls never start
//   with "seawall:", so it cannot clash with a component's). `affects` names the package's component by its bom-ref.
// - ratings: the finding's level as its source rated it (negligible is CycloneDX `info`), then each CVSS score with
//   its method (CVSSv2, CVSSv3, CVSSv31, CVSSv4), vector, base score and the qualitative rating of that score.
// - analysis, for suppressed findings: a VEX statement keeps its status (not_affected, or resolved for OpenVEX
//   `fixed`), with the OpenVEX justification mapped to CycloneDX's when the reason names one; an ignore-file entry
//   is `in_triage`, since it records a person's decision without saying which of CycloneDX's states applies.
//   detail is the suppression's reason.
// - The report's `findings` (secrets, image hardening, Dockerfile lint) are left out: CycloneDX's vulnerabilities
//   describe known weaknesses of components, while a misconfiguration or a leaked key belongs to no component and
//   has no advisory. The JSON, SARIF, table and JUnit reports carry them.

import * as Enums from '@cyclonedx/cyclonedx-library/Enums';
import * as Models from '@cyclonedx/cyclonedx-library/Models';
import * as Serialize from '@cyclonedx/cyclonedx-library/Serialize';
import * as Spec from '@cyclonedx/cyclonedx-library/Spec';
import type { ScanReport, Suppression, VulnerabilityFinding } from '../detect/scan-report.js';
import type { Inventory } from '../model/inventory.js';
import { buildCycloneDxBom } from '../sbom/cyclonedx.js';
import { uuidFromContent } from '../sbom/deterministic-id.js';
import type { CvssScore, Severity } from '../vulndb/advisory.js';
import { advisorySource } from './advisory-source.js';
import { cvssRating } from './severity-score.js';

const VulnEnums = Enums.Vulnerability;
const Vuln = Models.Vulnerability;

export interface ScanCycloneDxOptions {
  inventory: Inventory;
  toolVersion: string;
}

/** Names of the `seawall:` properties a vulnerability carries where CycloneDX has no field. */
export const VULNERABILITY_PROP = {
  status: 'seawall:vulnerability:status',
  dataSource: 'seawall:vulnerability:dataSource',
  location: 'seawall:vulnerability:location',
  layer: 'seawall:vulnerability:layer',
  suppressionKind: 'seawall:suppression:kind',
  suppressionFile: 'seawall:suppression:file',
  suppressionExpires: 'seawall:suppression:expires',
} as const;

const SEVERITY: Readonly<Record<Severity, Enums.Vulnerability.Severity>> = {
  critical: VulnEnums.Severity.Critical,
  high: VulnEnums.Severity.High,
  medium: VulnEnums.Severity.Medium,
  low: VulnEnums.Severity.Low,
  negligible: VulnEnums.Severity.Info,
  unknown: VulnEnums.Severity.Unknown,
};

const CVSS_METHOD: Readonly<Record<string, Enums.Vulnerability.RatingMethod>> = {
  '2.0': VulnEnums.RatingMethod.CVSSv2,
  '3.0': VulnEnums.RatingMethod.CVSSv3,
  '3.1': VulnEnums.RatingMethod.CVSSv31,
  '4.0': VulnEnums.RatingMethod.CVSSv4,
};

/** OpenVEX justifications (https://github.com/openvex/spec/blob/main/OPENVEX-SPEC.md#status-justifications) in CycloneDX's terms. */
const VEX_JUSTIFICATION: Readonly<Record<string, Enums.Vulnerability.AnalysisJustification>> = {
  component_not_present: VulnEnums.AnalysisJustification.CodeNotPresent,
  vulnerable_code_not_present: VulnEnums.AnalysisJustification.CodeNotPresent,
  vulnerable_code_not_in_execute_path: VulnEnums.AnalysisJustification.CodeNotReachable,
  vulnerable_code_cannot_be_controlled_by_adversary:
    VulnEnums.AnalysisJustification.RequiresEnvironment,
  inline_mitigations_already_exist: VulnEnums.AnalysisJustification.ProtectedByMitigatingControl,
};

/** The BOM with its vulnerabilities as CycloneDX 1.6 JSON text, two-space indented, ending in a newline. */
export function renderScanCycloneDx(report: ScanReport, options: ScanCycloneDxOptions): string {
  const bom = buildCycloneDxBom(options.inventory, { toolVersion: options.toolVersion });
  const componentRefs = new Map<string, Models.BomRef>();
  for (const component of bom.components) {
    if (component.purl !== undefined && !componentRefs.has(String(component.purl))) {
      componentRefs.set(String(component.purl), component.bomRef);
    }
  }
  const usedRefs = new Set<string>();
  for (const finding of report.vulnerabilities) {
    // A package the inventory lacks (it should not happen) is still named, by its purl.
    const ref = componentRefs.get(finding.package.purl) ?? new Models.BomRef(finding.package.purl);
    bom.vulnerabilities.add(vulnerability(finding, ref, usedRefs));
  }
  const serializer = new Serialize.JsonSerializer(
    new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6),
  );
  bom.serialNumber = `urn:uuid:${uuidFromContent(serializer.serialize(bom, { space: 2 }))}`;
  return `${serializer.serialize(bom, { space: 2 })}\n`;
}

function vulnerability(
  finding: VulnerabilityFinding,
  componentRef: Models.BomRef,
  usedRefs: Set<string>,
): Models.Vulnerability.Vulnerability {
  const analysis = finding.suppressed && suppressionAnalysis(finding.suppressed);
  const unaffected =
    analysis?.state === VulnEnums.AnalysisState.NotAffected ||
    analysis?.state === VulnEnums.AnalysisState.Resolved;
  const source = advisorySource(finding.id, finding.dataSource);
  return new Vuln.Vulnerability({
    bomRef: uniqueRef(`seawall:vulnerability:${finding.id}:${finding.package.purl}`, usedRefs),
    id: finding.id,
    source: new Vuln.Source(source),
    references: new Vuln.ReferenceRepository(
      finding.aliases.map(
        (alias) => new Vuln.Reference(alias, new Vuln.Source(advisorySource(alias))),
      ),
    ),
    ratings: new Vuln.RatingRepository([
      new Vuln.Rating({
        severity: SEVERITY[finding.severity],
        ...(finding.severitySource !== 'none' && {
          source: new Vuln.Source({ name: finding.severitySource }),
        }),
      }),
      ...finding.cvss.map(cvssRatingModel),
    ]),
    description: finding.title,
    recommendation:
      finding.status === 'fixed' && finding.fixedVersion
        ? `Upgrade ${finding.package.name} to ${finding.fixedVersion}`
        : undefined,
    advisories: new Vuln.AdvisoryRepository(
      finding.references.map((url) => new Vuln.Advisory(url)),
    ),
    analysis,
    affects: new Vuln.AffectRepository([
      new Vuln.Affect(componentRef, {
        versions: new Vuln.AffectedVersionRepository([
          new Vuln.AffectedSingleVersion(finding.package.version, {
            status: unaffected
              ? VulnEnums.AffectStatus.Unaffected
              : VulnEnums.AffectStatus.Affected,
          }),
        ]),
      }),
    ]),
    properties: new Models.PropertyRepository(
      (
        [
          [VULNERABILITY_PROP.status, finding.status],
          [VULNERABILITY_PROP.dataSource, finding.dataSource],
          [VULNERABILITY_PROP.location, finding.package.location],
          [VULNERABILITY_PROP.layer, finding.layer && String(finding.layer.index)],
          [VULNERABILITY_PROP.suppressionKind, finding.suppressed?.kind],
          [VULNERABILITY_PROP.suppressionFile, finding.suppressed?.file],
          [VULNERABILITY_PROP.suppressionExpires, finding.suppressed?.expires],
        ] as [string, string | undefined][]
      )
        .filter((entry): entry is [string, string] => entry[1] !== undefined)
        .map(([name, value]) => new Models.Property(name, value)),
    ),
  });
}

function cvssRatingModel(cvss: CvssScore): Models.Vulnerability.Rating {
  return new Vuln.Rating({
    source: new Vuln.Source({ name: cvss.source }),
    score: cvss.score,
    severity:
      cvss.score === undefined
        ? undefined
        : (cvssRating(cvss.score, cvss.version) as Enums.Vulnerability.Severity),
    method: CVSS_METHOD[cvss.version] ?? VulnEnums.RatingMethod.Other,
    vector: cvss.vector,
  });
}

/** The suppression in CycloneDX's analysis terms (see the header). */
export function suppressionAnalysis(suppressed: Suppression): Models.Vulnerability.Analysis {
  if (suppressed.kind === 'ignore-file') {
    return new Vuln.Analysis({
      state: VulnEnums.AnalysisState.InTriage,
      detail: suppressed.reason,
    });
  }
  const status = /^\s*(not_affected|fixed|under_investigation)\b/.exec(suppressed.reason)?.[1];
  const state =
    status === 'fixed'
      ? VulnEnums.AnalysisState.Resolved
      : status === 'under_investigation'
        ? VulnEnums.AnalysisState.InTriage
        : VulnEnums.AnalysisState.NotAffected;
  const justificationName = Object.keys(VEX_JUSTIFICATION).find((name) =>
    new RegExp(`\\b${name}\\b`).test(suppressed.reason),
  );
  return new Vuln.Analysis({
    state,
    justification:
      state === VulnEnums.AnalysisState.NotAffected && justificationName
        ? VEX_JUSTIFICATION[justificationName]
        : undefined,
    detail: suppressed.reason,
  });
}

/** A bom-ref seen twice would be renamed by the library at random; a numbered suffix keeps the output reproducible. */
function uniqueRef(ref: string, used: Set<string>): string {
  let unique = ref;
  for (let n = 2; used.has(unique); n++) unique = `${ref}#${n}`;
  used.add(unique);
  return unique;
}
