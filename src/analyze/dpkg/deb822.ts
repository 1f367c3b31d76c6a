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
  let lastField: string | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (line.trim() === '') {
      current = undefined;
      lastField = undefined;
      continue;
    }
    if (line.startsWith('#')) continue;
    if (!current) {
      current = { fields: new Map(), line: i + 1 };
      paragraphs.push(current);
    }
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (lastField === undefined) {
        current.problem ??= `line ${i + 1}: continuation line before any field`;
        continue;
      }
      current.fields.set(lastField, `${current.fields.get(lastField)}\n${line.slice(1)}`);
      continue;
    }
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim().toLowerCase() : '';
    if (name === '' || /\s/.test(name)) {
      current.problem ??= `line ${i + 1}: not a "Field: value" line`;
      lastField = undefined;
      continue;
    }
    if (current.fields.has(name)) current.problem ??= `line ${i + 1}: field ${name} given twice`;
    current.fields.set(name, line.slice(colon + 1).trim());
    lastField = name;
  }
  return paragraphs;
}

/** The first line of a field's value (the "synopsis" of Description, the short name of a DEP-5 License). */
export function firstLine(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const line = value.split('\n', 1)[0]!.trim();
  return line === '' ? undefined : line;
}
