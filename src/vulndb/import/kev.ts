// Imports CISA's Known Exploited Vulnerabilities catalog: the CVEs exploited in the wild, with the date each was added.
// Format: https://www.cisa.gov/known-exploited-vulnerabilities-catalog (known_exploited_vulnerabilities.json,
// schema https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities_schema.json).

import type { ImportSink, KevEntry } from '../advisory.js';
import type { FeedWarnings } from './feed-warnings.js';
import { importVulnerabilitiesArray, jsonObject, jsonText } from './json-values.js';

const CVE_ID = /^CVE-\d{4}-\d{4,}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function importKev(path: string, sink: ImportSink): Promise<number> {
  return importVulnerabilitiesArray(path, sink, 'a CISA KEV catalog', kevEntry, (item) =>
    sink.kev(item),
  );
}

function kevEntry(value: unknown, where: string, warnings: FeedWarnings): KevEntry | undefined {
  const item = jsonObject(value);
  const cve = jsonText(item?.cveID);
  if (!item || cve === undefined || !CVE_ID.test(cve)) {
    warnings.record(where, 'no cveID: skipped');
    return undefined;
  }
  const dateAdded = jsonText(item.dateAdded);
  if (dateAdded === undefined || !DATE.test(dateAdded)) {
    warnings.record(cve, 'no dateAdded (YYYY-MM-DD): skipped');
    return undefined;
  }
  const entry: KevEntry = { cve, dateAdded };
  const dueDate = jsonText(item.dueDate);
  if (dueDate !== undefined && DATE.test(dueDate)) entry.dueDate = dueDate;
  const ransomware = jsonText(item.knownRansomwareCampaignUse);
  if (ransomware !== undefined) entry.knownRansomwareCampaignUse = ransomware;
  return entry;
}
