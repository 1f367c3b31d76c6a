// Scores one tool's CycloneDX SBOM against the ground truth of bench/app-truth.mjs: recall and precision per
// ecosystem by (purl type, normalised name, version), every miss and extra, and the components that are not
// packages at all. CycloneDX JSON: https://cyclonedx.org/docs/1.6/json/

import { readFileSync } from 'node:fs';
import { PACKAGE_TYPES, purlPackage } from './app-keys.mjs';

/**
 * @typedef {import('./app-truth.mjs').GroundTruth} GroundTruth
 * @typedef {{ purl: string | null, cdxType: string, name: string, location: string | null }} Reported
 */

/**
 * Every component of a CycloneDX JSON document, nested ones included, split into packages (a purl of a package
 * type) and the rest, counted by CycloneDX type. An `operating-system` component names the distribution the
 * packages come from: it is kept apart, neither package nor noise.
 * @param {string} file
 * @param {string} root the scanned tree, cut from the front of reported locations
 */
export function readSbom(file, root) {
  const bom = JSON.parse(readFileSync(file, 'utf8'));
  /** @type {Map<string, Reported[]>} */
  const packages = new Map();
  const nonPackages = {};
  const nonPackageSamples = [];
  const operatingSystems = [];
  let components = 0;
  const visit = (list) => {
    for (const component of list ?? []) {
      components++;
      const pkg = purlPackage(component.purl);
      const reported = {
        purl: component.purl ?? null,
        cdxType: component.type,
        name: component.name,
        location: locationOf(component, root),
      };
      if (pkg) {
        const same = packages.get(pkg.key) ?? [];
        same.push({ ...reported, type: pkg.type });
        packages.set(pkg.key, same);
      } else if (component.type === 'operating-system') {
        operatingSystems.push(`${component.name} ${component.version ?? ''}`.trim());
      } else {
        const label = `${component.type}${component.purl ? ` (pkg:${purlType(component.purl)})` : ''}`;
        nonPackages[label] = (nonPackages[label] ?? 0) + 1;
        if (nonPackageSamples.length < 20) nonPackageSamples.push(reported);
      }
      visit(component.components);
    }
  };
  visit(bom.components);
  return { components, packages, nonPackages, nonPackageSamples, operatingSystems };
}

/** Where the tool says it found the component: cdxgen's SrcFile, Seawall's location, or CycloneDX evidence. */
function locationOf(component, root) {
  const property = (name) => component.properties?.find((entry) => entry.name === name)?.value;
  const location =
    property('SrcFile') ??
    property('seawall:location') ??
    component.evidence?.occurrences?.[0]?.location ??
    null;
  if (typeof location !== 'string') return null;
  const prefix = root.endsWith('/') ? root : `${root}/`;
  return location.startsWith(prefix) ? location.slice(prefix.length) : location;
}

function purlType(purl) {
  return /^pkg:([^/]+)\//.exec(purl)?.[1] ?? '?';
}

/**
 * Recall (truth entries found) and precision (reported packages that are in the truth, over all reported packages
 * the truth can judge) per ecosystem, with the misses and extras listed. A reported package that matches a
 * neutral entry by name is counted apart and in neither figure.
 * @param {GroundTruth} truth
 * @param {ReturnType<typeof readSbom>} sbom
 */
export function scoreAgainstTruth(truth, sbom) {
  const creditedBy = new Map();
  for (const entry of truth.packages) {
    for (const key of [entry.key, ...(entry.alternatives ?? [])]) creditedBy.set(key, entry);
  }
  const neutralNames = new Set(truth.neutral.map((entry) => entry.key));
  const debSources = new Set(truth.debSources);

  const found = new Set();
  const ecosystems = {};
  const ecosystem = (type) =>
    (ecosystems[type] ??= {
      truth: 0,
      reported: 0,
      found: 0,
      correct: 0,
      neutral: 0,
      missed: [],
      extras: [],
      neutralReported: [],
    });
  for (const entry of truth.packages) ecosystem(entry.type).truth++;

  for (const [key, reports] of [...sbom.packages].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const { type } = reports[0];
    const stats = ecosystem(type);
    const entry = creditedBy.get(key);
    if (entry) {
      stats.reported++;
      stats.correct++;
      found.add(entry.key);
      continue;
    }
    const name = key.slice(type.length + 1, key.lastIndexOf('@'));
    if (isNeutral(type, name, neutralNames)) {
      stats.neutral++;
      stats.neutralReported.push(key);
      continue;
    }
    stats.reported++;
    const locations = [...new Set(reports.map((report) => report.location).filter(Boolean))].sort();
    stats.extras.push({
      key,
      purls: reports.map((report) => report.purl),
      locations: locations.slice(0, 3),
      why: extraReason(type, key, debSources, locations),
    });
  }
  for (const entry of truth.packages) {
    if (found.has(entry.key)) ecosystem(entry.type).found++;
    else ecosystem(entry.type).missed.push({ key: entry.key, paths: entry.paths.slice(0, 3) });
  }

  const ordered = {};
  for (const type of Object.keys(ecosystems).sort(byEcosystemOrder)) {
    const stats = ecosystems[type];
    ordered[type] = {
      ...stats,
      recall: ratio(stats.found, stats.truth),
      precision: ratio(stats.correct, stats.reported),
    };
  }
  const totals = Object.values(ordered).reduce(
    (sum, stats) => ({
      truth: sum.truth + stats.truth,
      found: sum.found + stats.found,
      reported: sum.reported + stats.reported,
      correct: sum.correct + stats.correct,
    }),
    { truth: 0, found: 0, reported: 0, correct: 0 },
  );
  const nonPackageCount = Object.values(sbom.nonPackages).reduce((sum, count) => sum + count, 0);
  return {
    components: sbom.components,
    uniquePackages: sbom.packages.size,
    total: {
      ...totals,
      recall: ratio(totals.found, totals.truth),
      precision: ratio(totals.correct, totals.reported),
    },
    ecosystems: ordered,
    nonPackageComponents: nonPackageCount,
    nonPackagesByType: sbom.nonPackages,
    nonPackageSamples: sbom.nonPackageSamples,
    operatingSystems: sbom.operatingSystems,
  };
}

/** Neutral entries are keyed by name only; a jar without coordinates is known by its artifact name alone. */
function isNeutral(type, name, neutralNames) {
  if (neutralNames.has(`${type}:${name}`)) return true;
  return type === 'maven' && neutralNames.has(`maven:${name.slice(name.lastIndexOf('/') + 1)}`);
}

/** A hint for the reader of the results; it changes no figure. */
function extraReason(type, key, debSources, locations) {
  if (type === 'deb' && debSources.has(key))
    return 'a Debian source package, not an installed package';
  if (locations.length > 0 && locations.every((location) => LOCK_FILE.test(location))) {
    return 'declared in a lock or requirements file only, not installed';
  }
  return null;
}

const LOCK_FILE =
  /(^|\/)(Gemfile\.lock|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|poetry\.lock|Pipfile\.lock|requirements[^/]*\.txt|composer\.lock|Cargo\.lock|packages\.lock\.json)$/;

function byEcosystemOrder(a, b) {
  const rank = (type) => {
    const index = PACKAGE_TYPES.indexOf(type);
    return index < 0 ? PACKAGE_TYPES.length : index;
  };
  return rank(a) - rank(b) || (a < b ? -1 : 1);
}

function ratio(part, whole) {
  return whole === 0 ? null : Math.round((part / whole) * 10000) / 10000;
}
