// `seawall db status` as text: where the database is, how old, what it holds and from which sources.

import type { DatabaseStatus } from './database.js';

export function renderDbStatus(status: DatabaseStatus, now: Date = new Date()): string {
  const lines = [
    `database:       ${status.path}`,
    `schema version: ${status.schemaVersion}`,
    `updated:        ${status.updatedAt ? `${status.updatedAt} (${age(status.updatedAt, now)})` : 'never'}`,
    `advisories:     ${status.counts.advisories} (${status.counts.affected} affected-package entries)`,
    `cve metrics:    ${status.counts.cveMetrics} (NVD), epss ${status.counts.epss}, kev ${status.counts.kev}`,
    `sources:        ${status.sources.length}`,
  ];
  for (const s of status.sources)
    lines.push(`  ${s.location}  ${s.kind}  ${s.records} records  imported ${s.importedAt}`);
  return `${lines.join('\n')}\n`;
}

function age(iso: string, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 1000));
  if (seconds < 120) return `${seconds} seconds ago`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} minutes ago`;
  if (seconds < 172800) return `${Math.round(seconds / 3600)} hours ago`;
  return `${Math.round(seconds / 86400)} days ago`;
}
