// `PUT /v1/images/{digest}/scan`: a `seawall scan -f json` report (docs/scan-json.md) becomes the image's stored
// inventory and findings. Its vulnerabilities are not taken as they are: the packages are matched against the
// server's own database, like every other image, so all images answer to one database.

import { InputError } from '../../errors.js';
import type { OsInfo } from '../../model/os.js';
import type { Package, PackageType } from '../../model/package.js';
import type { ServerContext } from '../context.js';
import type { ImageFindingRow, ImageRef } from '../store/types.js';
import { ingestInventory, type IngestResult } from './store-inventory.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export async function ingestScanReport(
  ctx: ServerContext,
  ref: ImageRef,
  report: unknown,
): Promise<IngestResult> {
  const subject = `scan report of ${ref.digest}`;
  if (!isObject(report) || report.schemaVersion !== 1 || !Array.isArray(report.packages))
    throw new InputError(subject, 'not a Seawall scan report (schemaVersion 1 with packages)');
  const packages = report.packages.map((p, i) => packageOf(p, `${subject}: packages[${i}]`));
  const findings = (Array.isArray(report.findings) ? report.findings : []).map((f, i) =>
    findingOf(f, `${subject}: findings[${i}]`),
  );
  const os = osOf(report.os);
  return ingestInventory(ctx, ref, os ? { os, packages, findings } : { packages, findings });
}

function packageOf(p: unknown, where: string): Package {
  if (!isObject(p)) throw new InputError(where, 'not an object');
  const [type, name, version, purl] = [text(p.type), text(p.name), text(p.version), text(p.purl)];
  if (!type || !name || version === undefined || !purl)
    throw new InputError(where, 'a package needs type, name, version and purl');
  const pkg: Package = {
    type: type as PackageType,
    name,
    version,
    purl,
    licenses: [],
    files: [],
    location: text(p.location) ?? '',
    dependsOn: [],
    foundBy: 'scan-report',
  };
  const source = isObject(p.source) ? p.source : undefined;
  if (source && text(source.name) && text(source.version))
    pkg.source = { name: text(source.name)!, version: text(source.version)! };
  const managedBy = text(p.managedBy);
  // The report keeps only the installing package's purl; its type is the purl's (pkg:deb/..., pkg:apk/...).
  const osType = managedBy ? /^pkg:(deb|apk|rpm)\//.exec(managedBy)?.[1] : undefined;
  if (managedBy && osType)
    pkg.managedBy = { type: osType as 'deb' | 'apk' | 'rpm', purl: managedBy };
  return pkg;
}

function findingOf(f: unknown, where: string): ImageFindingRow {
  if (!isObject(f) || !text(f.id) || !text(f.severity) || !text(f.title))
    throw new InputError(where, 'a finding needs id, severity and title');
  return {
    ruleId: text(f.id)!,
    severity: text(f.severity)!,
    title: text(f.title)!,
    location: f.location ?? {},
  };
}

function osOf(os: unknown): OsInfo | undefined {
  if (!isObject(os) || !text(os.family)) return undefined;
  const info: OsInfo = { family: text(os.family)!, source: text(os.source) ?? 'scan report' };
  if (text(os.version)) info.version = text(os.version)!;
  if (text(os.codename)) info.codename = text(os.codename)!;
  return info;
}
