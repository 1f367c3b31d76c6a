// The line of a Dockerfile where its final stage begins (its last FROM), so that SARIF results about an image can
// point at the Dockerfile that built it. Syntax: https://docs.docker.com/reference/dockerfile/ (parser directives,
// comments, line continuation with the escape character, here-documents).

/**
 * The 1-based line of the last FROM instruction, or undefined when there is none. A FROM inside a continued
 * instruction, a comment or a here-document body is not an instruction and is not counted.
 */
export function finalStageLine(text: string): number | undefined {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const escape = escapeDirective(lines);
  const continues = new RegExp(`${escapeRegExp(escape)}[ \\t]*$`);
  const isFrom = new RegExp(`^\\s*FROM(\\s|${escapeRegExp(escape)}|$)`, 'i');
  let last: number | undefined;
  let continuing = false;
  let pendingHeredocs: { word: string; stripTabs: boolean }[] = [];
  let heredocs: { word: string; stripTabs: boolean }[] = [];
  lines.forEach((line, index) => {
    if (heredocs.length > 0) {
      const { word, stripTabs } = heredocs[0]!;
      if ((stripTabs ? line.replace(/^\t+/, '') : line) === word) heredocs.shift();
      return;
    }
    // Comment lines are removed before continuation lines are joined, and so are empty ones inside an instruction.
    if (/^\s*#/.test(line) || /^\s*$/.test(line)) return;
    if (!continuing && isFrom.test(line)) last = index + 1;
    pendingHeredocs.push(...heredocMarkers(line));
    continuing = continues.test(line);
    if (!continuing) {
      // A here-document's body starts on the line after the instruction that opens it.
      heredocs = pendingHeredocs;
      pendingHeredocs = [];
    }
  });
  return last;
}

/** The `# escape=` parser directive: only before the first comment, blank line or instruction. */
function escapeDirective(lines: string[]): string {
  let escape = '\\';
  for (const line of lines) {
    const directive = /^\s*#\s*([A-Za-z]+)\s*=\s*(\S*)\s*$/.exec(line);
    if (!directive) break;
    if (
      directive[1]!.toLowerCase() === 'escape' &&
      (directive[2] === '`' || directive[2] === '\\')
    ) {
      escape = directive[2];
    }
  }
  return escape;
}

/** `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'`: the word that ends the body, and whether its lines may be tab-indented. */
function heredocMarkers(line: string): { word: string; stripTabs: boolean }[] {
  return [...line.matchAll(/<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g)].map((match) => ({
    word: match[3]!,
    stripTabs: match[1] === '-',
  }));
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}
