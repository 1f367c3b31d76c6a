// Reads the Maven coordinates from a META-INF/maven/<groupId>/<artifactId>/pom.properties that Maven's archiver writes.
// Format: java.util.Properties#load (https://docs.oracle.com/en/java/javase/21/docs/api/java.base/java/util/Properties.html#load(java.io.Reader)).

export interface MavenCoordinates {
  groupId: string;
  artifactId: string;
  version: string;
}

const POM_PROPERTIES_PREFIX = 'META-INF/maven/';
const POM_PROPERTIES_NAME = 'pom.properties';

/** The group and artifact a pom.properties path names (`META-INF/maven/G/A/pom.properties`), or undefined. */
export function pomPropertiesPathCoordinates(
  path: string,
): { groupId: string; artifactId: string } | undefined {
  if (!path.startsWith(POM_PROPERTIES_PREFIX) || !path.endsWith(`/${POM_PROPERTIES_NAME}`))
    return undefined;
  const parts = path.slice(POM_PROPERTIES_PREFIX.length).split('/');
  if (parts.length !== 3 || !parts[0] || !parts[1]) return undefined;
  return { groupId: parts[0], artifactId: parts[1] };
}

/**
 * The coordinates in a pom.properties, with the group and artifact its path names filling any the file leaves out.
 * Undefined (with a warning) when there is no usable version: such a file identifies nothing.
 */
export function parsePomProperties(
  text: string,
  path: string,
  warn: (message: string) => void,
): MavenCoordinates | undefined {
  const properties = parseJavaProperties(text);
  const fromPath = pomPropertiesPathCoordinates(path);
  const groupId = properties.get('groupId')?.trim() || fromPath?.groupId || '';
  const artifactId = properties.get('artifactId')?.trim() || fromPath?.artifactId || '';
  const version = properties.get('version')?.trim() ?? '';
  if (!groupId || !artifactId || !version || version.includes('${')) {
    warn(`${path}: no usable groupId, artifactId and version; skipped`);
    return undefined;
  }
  return { groupId, artifactId, version };
}

/** Key/value pairs of a .properties text: comments, `=`/`:`/blank separators, continuations and escapes. */
export function parseJavaProperties(text: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const line of logicalLines(text)) {
    let i = skipBlanks(line, 0);
    if (i >= line.length || line[i] === '#' || line[i] === '!') continue;
    let key = '';
    for (; i < line.length; i++) {
      const c = line[i]!;
      if (c === '\\' && i + 1 < line.length) {
        key += line[i] + line[++i]!;
        continue;
      }
      if (c === '=' || c === ':' || isBlank(c)) break;
      key += c;
    }
    i = skipBlanks(line, i);
    if (line[i] === '=' || line[i] === ':') i = skipBlanks(line, i + 1);
    result.set(unescape(key), unescape(line.slice(i)));
  }
  return result;
}

/** Physical lines joined where one ends in an odd number of backslashes, the next one's leading blanks dropped. */
function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let pending: string | undefined;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = pending === undefined ? raw : pending + raw.slice(skipBlanks(raw, 0));
    let backslashes = 0;
    for (let i = line.length - 1; i >= 0 && line[i] === '\\'; i--) backslashes++;
    if (backslashes % 2 === 1) pending = line.slice(0, -1);
    else {
      pending = undefined;
      lines.push(line);
    }
  }
  if (pending !== undefined) lines.push(pending);
  return lines;
}

const ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f' };

function unescape(text: string): string {
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const next = text[++i]!;
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) {
      out += String.fromCharCode(parseInt(text.slice(i + 1, i + 5), 16));
      i += 4;
    } else out += ESCAPES[next] ?? next;
  }
  return out;
}

function isBlank(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\f';
}

function skipBlanks(line: string, from: number): number {
  let i = from;
  while (i < line.length && isBlank(line[i]!)) i++;
  return i;
}
