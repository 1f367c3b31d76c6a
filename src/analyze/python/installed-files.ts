// The files an installed Python distribution lists: a wheel's RECORD (CSV, paths relative to the site directory) or
// an egg's installed-files.txt (paths relative to the .egg-info directory), turned into paths relative to the root.
// RECORD: https://packaging.python.org/en/latest/specifications/recording-installed-packages/#the-record-file

/** Paths from RECORD, resolved against `siteDir` (relative to the root), sorted; absolute paths are taken as is. */
export function parseRecord(text: string, siteDir: string): string[] {
  const files = new Set<string>();
  for (const line of text.split('\n')) {
    const path = firstCsvField(line.endsWith('\r') ? line.slice(0, -1) : line);
    if (!path) continue;
    const resolved = resolveUnder(siteDir, path);
    if (resolved) files.add(resolved);
  }
  return [...files].sort();
}

/** Paths from installed-files.txt, one a line, relative to the .egg-info directory `eggInfoDir`. */
export function parseInstalledFiles(text: string, eggInfoDir: string): string[] {
  const files = new Set<string>();
  for (const line of text.split('\n')) {
    const path = line.trim();
    if (!path) continue;
    const resolved = resolveUnder(eggInfoDir, path);
    if (resolved) files.add(resolved);
  }
  return [...files].sort();
}

/** RECORD is written by Python's csv module: a field with a comma or quote is quoted, quotes doubled. */
function firstCsvField(line: string): string {
  if (!line.startsWith('"')) {
    const comma = line.indexOf(',');
    return (comma < 0 ? line : line.slice(0, comma)).trim();
  }
  let field = '';
  for (let i = 1; i < line.length; i++) {
    const c = line[i]!;
    if (c !== '"') {
      field += c;
      continue;
    }
    if (line[i + 1] !== '"') return field;
    field += '"';
    i++;
  }
  return field; // an unterminated quote: the rest of the line
}

/** `dir` joined with `path` and `..` applied; undefined for a path that climbs out of the root. */
function resolveUnder(dir: string, path: string): string | undefined {
  const absolute = path.startsWith('/');
  const segments = absolute || dir === '' ? [] : dir.split('/');
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return undefined;
      segments.pop();
    } else segments.push(segment);
  }
  return segments.length > 0 ? segments.join('/') : undefined;
}
