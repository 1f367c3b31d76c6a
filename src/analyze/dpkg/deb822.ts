// Splits Debian control-format text (deb822) into paragraphs of fields, as dpkg's status file and DEP-5 copyright use.
// Format: https://www.debian.org/doc/debian-policy/ch-controlfields.html#syntax-of-control-files (deb822(5)).

export interface Paragraph {
  /** Field names lower-cased (field names are case-insensitive); values with continuation lines joined by '\n'. */
  fields: Map<string, string>;
  /** 1-based line number where the paragraph starts, for messages. */
  line: number;
  /** Set when a line could not be read as a field or continuation: the paragraph should not be trusted. */
  problem?: string;
}

/** Paragraphs are separated by lines that are empty or whitespace only; lines starting with '#' are comments. */
export function parseDeb822(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let current: Paragraph | undefined;
  // Continuation lines are gathered per field and joined once: copyright files run to thousands of lines.
  let parts: Map<string, string[]> | undefined;
  let lastField: string[] | undefined;
  const finish = () => {
    if (current && parts)
      for (const [name, lines] of parts) current.fields.set(name, lines.join('\n'));
    current = undefined;
    parts = undefined;
    lastField = undefined;
  };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() === '') {
      finish();
      continue;
    }
    if (line.startsWith('#')) continue;
    if (!current || !parts) {
      current = { fields: new Map(), line: i + 1 };
      parts = new Map();
      paragraphs.push(current);
    }
    const first = line.charCodeAt(0);
    if (first === 0x20 || first === 0x09) {
      if (lastField === undefined) {
        current.problem ??= `line ${i + 1}: continuation line before any field`;
        continue;
      }
      lastField.push(line.slice(1));
      continue;
    }
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim().toLowerCase() : '';
    if (name === '' || /\s/.test(name)) {
      current.problem ??= `line ${i + 1}: not a "Field: value" line`;
      lastField = undefined;
      continue;
    }
    if (parts.has(name)) current.problem ??= `line ${i + 1}: field ${name} given twice`;
    lastField = [line.slice(colon + 1).trim()];
    parts.set(name, lastField);
  }
  finish();
  return paragraphs;
}

/** The first line of a field's value (the "synopsis" of Description, the short name of a DEP-5 License). */
export function firstLine(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const line = value.split('\n', 1)[0]!.trim();
  return line === '' ? undefined : line;
}

/**
 * For each paragraph, the first line of each of `names` (lower case) it has: all a reader of DEP-5 licence names
 * needs, without building whole paragraphs of licence texts that can run to thousands of lines.
 */
export function firstLinesOfFields(text: string, names: readonly string[]): Map<string, string>[] {
  const paragraphs: Map<string, string>[] = [];
  let current: Map<string, string> | undefined;
  let pos = 0;
  while (pos <= text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const line = text.slice(pos, end);
    pos = end + 1;
    const first = line.charCodeAt(0);
    if (line.trim() === '') {
      current = undefined;
      continue;
    }
    if (first === 0x20 || first === 0x09 || first === 0x23) continue; // continuation or comment
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    if (!current) paragraphs.push((current = new Map()));
    const name = line.slice(0, colon).trim().toLowerCase();
    if (names.includes(name)) current.set(name, line.slice(colon + 1).trim());
  }
  return paragraphs;
}
