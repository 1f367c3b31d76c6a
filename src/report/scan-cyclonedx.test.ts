// CycloneDX with vulnerabilities: valid against the official 1.6 schema (the project's check, as in
// src/sbom/cyclonedx.test.ts), the SBOM's components unchanged, and one vulnerability object per finding.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { renderInventory } from '../sbom/index.js';
import { emptyInventory } from '../testing/sample-inventory.js';
import {
  SAMPLE_PURL,
  emptyScanReport,
  sampleFindingsReport,
  sampleScanInventory,
  sampleScanReport,
} from '../testing/sample-scan-report.js';
import { VULNERABILITY_PROP, renderScanCycloneDx, suppressionAnalysis } from './scan-cyclonedx.js';

const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);
const OPTIONS = { inventory: sampleScanInventory(), toolVersion: '1.2.3' };

interface CdxRating {
  source?: { name?: string };
  score?: number;
  severity?: string;
  method?: string;
  vector?: string;
}
interface CdxVulnerability {
  'bom-ref': string;
  id: string;
  source?: { name?: string; url?: string };
  references?: { id: string; source: { name?: string; url?: string } }[];
  ratings?: CdxRating[];
  description?: string;
  recommendation?: string;
  advisories?: { url: string }[];
  analysis?: { state?: string; justification?: string; detail?: string };
  affects?: { ref: string; versions?: { version: string; status?: string }[] }[];
  properties?: { name: string; value: string }[];
}
interface CdxBom {
  serialNumber: string;
  components: { 'bom-ref': string }[];
  dependencies: unknown[];
  metadata: unknown;
  vulnerabilities?: CdxVulnerability[];
}

function render(report = sampleScanReport(), options = OPTIONS): { text: string; bom: CdxBom } {
  const text = renderScanCycloneDx(report, options);
  return { text, bom: JSON.parse(text) as CdxBom };
}

function vulnerability(bom: CdxBom, id: string, purl: string): CdxVulnerability {
  const found = bom.vulnerabilities?.find((v) => v.id === id && v.affects?.[0]?.ref === purl);
  assert.ok(found, `${id} on ${purl}`);
  return found;
}

describe('renderScanCycloneDx', () => {
  it('is valid CycloneDX 1.6, with findings and without', async () => {
    assert.equal(await validator.validate(render().text), null);
    const empty = render(emptyScanReport(), { inventory: emptyInventory(), toolVersion: '1.2.3' });
    assert.equal(await validator.validate(empty.text), null);
    assert.equal(empty.bom.vulnerabilities, undefined);
  });

  it("carries the inventory's SBOM unchanged: same metadata, components and dependencies", async () => {
    const sbom = JSON.parse(
      await renderInventory(sampleScanInventory(), 'cyclonedx', { toolVersion: '1.2.3' }),
    ) as CdxBom;
    const { bom } = render();
    assert.deepEqual(bom.metadata, sbom.metadata);
    assert.deepEqual(bom.components, sbom.components);
    assert.deepEqual(bom.dependencies, sbom.dependencies);
    // The serial number covers the vulnerabilities too.
    assert.notEqual(bom.serialNumber, sbom.serialNumber);
  });

  it('writes one vulnerability per finding, in the report order, each affecting a component of the BOM', () => {
    const report = sampleScanReport();
    const { bom } = render(report);
    const componentRefs = new Set(bom.components.map((c) => c['bom-ref']));
    assert.deepEqual(
      bom.vulnerabilities!.map((v) => [v.id, v.affects![0]!.ref]),
      report.vulnerabilities.map((f) => [f.id, f.package.purl]),
    );
    for (const v of bom.vulnerabilities!) {
      assert.equal(v.affects!.length, 1);
      assert.ok(componentRefs.has(v.affects![0]!.ref), `${v.id} affects a component`);
    }
    const refs = bom.vulnerabilities!.map((v) => v['bom-ref']);
    assert.equal(new Set(refs).size, refs.length);
  });

  it('describes a finding: source, aliases as references, ratings, advisories and the upgrade', () => {
    const runc = vulnerability(render().bom, 'GO-2024-2491', SAMPLE_PURL.runc);
    assert.equal(runc['bom-ref'], `seawall:vulnerability:GO-2024-2491:${SAMPLE_PURL.runc}`);
    assert.deepEqual(runc.source, {
      name: 'Go Vulnerability Database',
      url: 'https://pkg.go.dev/vuln/GO-2024-2491',
    });
    assert.deepEqual(runc.references, [
      {
        id: 'CVE-2024-21626',
        source: { name: 'NVD', url: 'https://nvd.nist.gov/vuln/detail/CVE-2024-21626' },
      },
      {
        id: 'GHSA-xr7r-f8xq-vfvv',
        source: {
          name: 'GitHub Advisory Database',
          url: 'https://github.com/advisories/GHSA-xr7r-f8xq-vfvv',
        },
      },
    ]);
    assert.deepEqual(runc.ratings, [
      { source: { name: 'ghsa' }, severity: 'high' },
      {
        source: { name: 'ghsa' },
        score: 8.6,
        severity: 'high',
        method: 'CVSSv31',
        vector: 'CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H',
      },
    ]);
    assert.equal(runc.recommendation, 'Upgrade github.com/opencontainers/runc to 1.1.12');
    assert.equal(
      runc.advisories![0]!.url,
      'https://github.com/opencontainers/runc/security/advisories/GHSA-xr7r-f8xq-vfvv',
    );
    assert.deepEqual(runc.affects![0]!.versions, [{ version: 'v1.1.11', status: 'affected' }]);
    assert.equal(runc.analysis, undefined);

    // apt: no fix, so no recommendation; Debian's "unimportant" is CycloneDX's info; CVSS 2.0 and 3.1 both kept.
    const apt = vulnerability(render().bom, 'CVE-2011-3374', SAMPLE_PURL.apt);
    assert.equal(apt.recommendation, undefined);
    assert.deepEqual(
      apt.ratings!.map((r) => [r.method, r.score, r.severity]),
      [
        [undefined, undefined, 'info'],
        ['CVSSv2', 4.3, 'medium'],
        ['CVSSv31', 3.7, 'low'],
      ],
    );
    assert.deepEqual(
      apt.properties!.find((p) => p.name === VULNERABILITY_PROP.status),
      { name: VULNERABILITY_PROP.status, value: 'affected' },
    );
  });

  it('records suppressions as analysis: VEX not_affected with its justification, an ignore entry in triage', () => {
    const { bom } = render();
    const vex = vulnerability(bom, 'DSA-5343-1', SAMPLE_PURL.libssl);
    assert.deepEqual(vex.analysis, {
      state: 'not_affected',
      justification: 'code_not_reachable',
      detail: 'not_affected: vulnerable_code_not_in_execute_path',
    });
    assert.equal(vex.affects![0]!.versions![0]!.status, 'unaffected');
    const ignored = vulnerability(bom, 'DSA-5343-1', SAMPLE_PURL.openssl);
    assert.deepEqual(ignored.analysis, {
      state: 'in_triage',
      detail: 'The agent never runs the openssl CLI; tracked in SEC-142',
    });
    assert.equal(ignored.affects![0]!.versions![0]!.status, 'affected');
    assert.deepEqual(
      ignored
        .properties!.filter((p) => p.name.startsWith('seawall:suppression:'))
        .map((p) => p.value),
      ['ignore-file', '.seawallignore.yaml', '2025-06-30'],
    );
  });

  it('maps the OpenVEX statuses that suppress', () => {
    const analysis = (reason: string) => {
      const { state, justification } = suppressionAnalysis({
        kind: 'vex',
        file: 'vex.json',
        reason,
      });
      return [state, justification];
    };
    assert.deepEqual(analysis('fixed'), ['resolved', undefined]);
    assert.deepEqual(analysis('under_investigation'), ['in_triage', undefined]);
    assert.deepEqual(analysis('not_affected: component_not_present'), [
      'not_affected',
      'code_not_present',
    ]);
    assert.deepEqual(analysis('not_affected: inline_mitigations_already_exist'), [
      'not_affected',
      'protected_by_mitigating_control',
    ]);
    assert.deepEqual(analysis('not_affected'), ['not_affected', undefined]);
  });

  it('is reproducible byte for byte', () => {
    assert.equal(render().text, render().text);
  });

  it('leaves secrets, image and Dockerfile findings out: the same BOM as without them', () => {
    const withFindings = render(sampleFindingsReport());
    assert.equal(withFindings.text, render().text);
    assert.ok(!withFindings.text.includes('SW-'), 'no check id anywhere');
    assert.ok(!withFindings.text.includes('AKIA'), 'no secret evidence anywhere');
  });
});
