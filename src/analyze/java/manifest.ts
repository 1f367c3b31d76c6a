// Reads the main section of a jar's META-INF/MANIFEST.MF: the attributes that say what the archive is.
// JAR File Specification, "JAR Manifest": https://docs.oracle.com/en/java/javase/21/docs/specs/jar/jar.html#jar-manifest

/** Main-section attributes, keyed by lower-cased name (attribute names are case-insensitive); values trimmed. */
export type ManifestAttributes = ReadonlyMap<string, string>;

/**
 * The main section (everything before the first blank line), with continuation lines (a leading space) joined.
 * `complete` false means the text was cut short, so a last line without its end is dropped rather than trusted.
 * Lines that are not `Name: value` are reported through `warn` and skipped.
 */
export function parseManifestMainSection(
  text: string,
  warn: (message: string) => void,
  complete = true,
): ManifestAttributes {
  const end = mainSectionEnd(text);
  const lines = text.slice(0, end).split(/\r\n|\r|\n/);
  if (!complete && end === text.length) lines.pop();
  const attributes = new Map<string, string>();
  let name: string | undefined;
  let value = '';
  const flush = () => {
    // A repeated attribute is damage; the later one wins, as java.util.jar.Attributes.read lets it.
    if (name !== undefined) attributes.set(name, value.trim());
    name = undefined;
  };
  for (const [index, line] of lines.entries()) {
    if (line === '') continue; // only the text's own last line end: the section ends before any blank line
    if (line.startsWith(' ')) {
      if (name === undefined) warn(`line ${index + 1}: continuation of nothing`);
      else value += line.slice(1);
      continue;
    }
    flush();
    const colon = line.indexOf(':');
    if (colon <= 0) {
      warn(`line ${index + 1}: not a "Name: value" header`);
      continue;
    }
    name = line.slice(0, colon).trim().toLowerCase();
    value = line.slice(colon + 1);
  }
  flush();
  return attributes;
}

/** An attribute by name (any case); undefined when absent or empty. */
export function manifestAttribute(
  attributes: ManifestAttributes,
  name: string,
): string | undefined {
  const value = attributes.get(name.toLowerCase());
  return value === '' ? undefined : value;
}

/** Where the first blank line starts (the main section's end), or the text's length: signed jars' manifests list
 *  a digest per class after it, so splitting only what comes before saves work on big ones. */
function mainSectionEnd(text: string): number {
  let end = text.length;
  for (const blank of ['\n\n', '\r\n\r\n', '\r\r']) {
    const at = text.indexOf(blank);
    if (at >= 0 && at < end) end = at;
  }
  return end;
}
