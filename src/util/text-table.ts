// Plain-text layout shared by the table reports (`sbom` and `scan`): labelled header lines and left-aligned columns.
// Widths count code points, so a title with non-ASCII letters still lines up.

/** `Label:` lines whose values start in one column. */
export function labelled(pairs: [string, string][]): string[] {
  const width = Math.max(...pairs.map(([label]) => label.length)) + 1;
  return pairs.map(([label, value]) => `${`${label}:`.padEnd(width)} ${value}`);
}

/** Rows of cells padded to each column's widest cell and joined by `gap`; trailing spaces trimmed. */
export function alignColumns(rows: string[][], gap = '  '): string[] {
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, column) =>
    Math.max(...rows.map((row) => [...(row[column] ?? '')].length)),
  );
  return rows.map((row) =>
    row
      .map((cell, column) => cell + ' '.repeat(widths[column]! - [...cell].length))
      .join(gap)
      .trimEnd(),
  );
}
