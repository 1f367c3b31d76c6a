// Ruby string literals as gemspecs and generated Ruby code write them: "x", 'x', %q<x> (any bracket pair), .freeze.
// Ruby literal syntax: https://docs.ruby-lang.org/en/3.3/syntax/literals_rdoc.html#label-Strings; read, never evaluated.

/** One string literal: double-quoted, single-quoted, or %q/%Q with <>, {}, (), [] delimiters. Compiled once. */
const LITERAL =
  /"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|%[qQ]?(?:<([^>]*)>|\{([^}]*)\}|\(([^)]*)\)|\[([^\]]*)\])/g;

/** The same, anchored where matching starts. */
const LITERAL_HERE = new RegExp(LITERAL.source, 'y');
const VERSION_NEW = 'Gem::Version.new(';

/** Every string literal in `code`, in order, with escapes undone. */
export function stringLiterals(code: string): string[] {
  return [...code.matchAll(LITERAL)].map(literalValue);
}

/** The value when `code` starts with a string literal (optionally inside `Gem::Version.new(...)`), else undefined. */
export function leadingStringLiteral(code: string): string | undefined {
  let inner = code.trimStart();
  if (inner.startsWith(VERSION_NEW)) inner = inner.slice(VERSION_NEW.length).trimStart();
  LITERAL_HERE.lastIndex = 0;
  const m = LITERAL_HERE.exec(inner);
  return m ? literalValue(m) : undefined;
}

function literalValue(m: RegExpMatchArray): string {
  if (m[1] !== undefined) return unescapeDoubleQuoted(m[1]);
  if (m[2] !== undefined) return m[2].replace(/\\([\\'])/g, '$1');
  return m[3] ?? m[4] ?? m[5] ?? m[6] ?? '';
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', s: ' ' };

function unescapeDoubleQuoted(body: string): string {
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|.)/g, (_, escape: string) => {
    if (escape.startsWith('u') && escape.length > 1) {
      const hex = escape[1] === '{' ? escape.slice(2, -1) : escape.slice(1);
      const code = parseInt(hex, 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return SIMPLE_ESCAPES[escape] ?? escape;
  });
}
