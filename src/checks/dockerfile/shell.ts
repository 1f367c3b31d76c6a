// Splits the shell text of a RUN instruction into simple commands and their words, as a POSIX shell reads them,
// closely enough for lint checks. Grammar: https://pubs.opengroup.org/onlinepubs/9699919799/utilities/V3_chap02.html

/** The operator that ends the previous command: a command after `&&` only runs when that one succeeded. */
export type Separator = 'start' | '&&' | '||' | ';' | '|' | '&' | 'newline' | '(' | ')' | 'end';

export interface SimpleCommand {
  /** The command name and its arguments, quotes removed; redirections and leading assignments left out. */
  words: string[];
  /** `NAME=value` words before the command name (`DEBIAN_FRONTEND=noninteractive apt-get ...`). */
  assignments: string[];
  /** 1-based line of the Dockerfile where the command starts. */
  line: number;
  /** The operator before this command. */
  after: Separator;
  /** This command's output feeds a pipe (`a | b`: true for a). */
  pipesOut: boolean;
}

export interface ShellScript {
  commands: SimpleCommand[];
  /** A `|` pipe at the top level of the script (not inside `$(...)`). */
  hasPipe: boolean;
}

/** Reserved words that may start a command without being its name (`then apt-get ...`, `! grep ...`). */
const LEADING_KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{']);
/** Reserved words that close a compound command and are not commands either. */
const CLOSING_KEYWORDS = new Set(['fi', 'done', 'esac', '}']);

/**
 * The simple commands of `text`, in order. `lineOf(offset)` maps an offset of `text` to its Dockerfile line.
 * Command substitutions (`$(...)`, backquotes) stay inside the word they belong to; here-document bodies are skipped.
 */
export function splitShell(text: string, lineOf: (offset: number) => number): ShellScript {
  const commands: SimpleCommand[] = [];
  let hasPipe = false;
  let words: string[] = [];
  let word = null as string | null;
  let commandStart = -1;
  let after: Separator = 'start';
  /** The next word is the target of a redirection (or a here-document's delimiter), not an argument. */
  let redirect: 'file' | 'heredoc' | 'heredoc-strip' | undefined;
  const heredocs: { delimiter: string; stripTabs: boolean }[] = [];

  const startWord = (offset: number) => {
    if (word === null) word = '';
    if (commandStart < 0) commandStart = offset;
  };
  const endWord = () => {
    if (word === null) return;
    if (redirect === 'heredoc' || redirect === 'heredoc-strip')
      heredocs.push({ delimiter: word, stripTabs: redirect === 'heredoc-strip' });
    else if (redirect !== 'file') words.push(word);
    redirect = undefined;
    word = null;
  };
  const endCommand = (separator: Separator) => {
    endWord();
    const command = toCommand(words, commandStart < 0 ? 1 : lineOf(commandStart), after);
    if (command) commands.push(command);
    if (separator === '|') {
      hasPipe = true;
      if (command) command.pipesOut = true;
    }
    words = [];
    commandStart = -1;
    after = separator;
  };

  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '\n') {
      endCommand('newline');
      i = skipHeredocBodies(text, i + 1, heredocs);
      heredocs.length = 0;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
      i++;
      continue;
    }
    if (c === '#' && word === null) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '\\') {
      if (next === '\n') {
        i += 2;
        continue;
      }
      startWord(i);
      word += next ?? '';
      i += 2;
      continue;
    }
    if (c === "'") {
      startWord(i);
      const close = text.indexOf("'", i + 1);
      const end = close < 0 ? text.length : close;
      word += text.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (c === '"') {
      startWord(i);
      const [value, end] = readDoubleQuoted(text, i + 1);
      word += value;
      i = end;
      continue;
    }
    if (c === '$' && (next === '(' || next === '{')) {
      startWord(i);
      const end = skipBalanced(text, i + 1);
      word += text.slice(i, end);
      i = end;
      continue;
    }
    if (c === '`') {
      startWord(i);
      const end = skipBackquoted(text, i + 1);
      word += text.slice(i, end);
      i = end;
      continue;
    }
    if (c === ';') {
      endCommand(';');
      i += next === ';' ? 2 : 1;
      continue;
    }
    if (c === '&') {
      if (next === '&') {
        endCommand('&&');
        i += 2;
      } else if (next === '>') {
        endWord();
        redirect = 'file';
        i += text[i + 2] === '>' ? 3 : 2;
      } else {
        endCommand('&');
        i++;
      }
      continue;
    }
    if (c === '|') {
      if (next === '|') {
        endCommand('||');
        i += 2;
      } else {
        endCommand('|');
        i += next === '&' ? 2 : 1;
      }
      continue;
    }
    if (c === '(' || c === ')') {
      endCommand(c);
      i++;
      continue;
    }
    if (c === '<' || c === '>') {
      // `2>&1`: a word of digits right before the operator names a file descriptor, not an argument.
      if (word !== null && /^\d+$/.test(word)) word = null;
      else endWord();
      const operator = /^(<<<|<<-|<<|>>|>&|<&|>\||<>|<|>)/.exec(text.slice(i))![1]!;
      redirect = operator === '<<' ? 'heredoc' : operator === '<<-' ? 'heredoc-strip' : 'file';
      i += operator.length;
      continue;
    }
    startWord(i);
    word += c;
    i++;
  }
  endCommand('end');
  return { commands, hasPipe };
}

/** A command of `words` with assignments and reserved words taken off, or undefined when nothing is left. */
function toCommand(words: string[], line: number, after: Separator): SimpleCommand | undefined {
  let rest = words;
  for (;;) {
    while (rest.length > 0 && (LEADING_KEYWORDS.has(rest[0]!) || CLOSING_KEYWORDS.has(rest[0]!)))
      rest = rest.slice(1);
    const assignments: string[] = [];
    while (rest.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(rest[0]!)) {
      assignments.push(rest[0]!);
      rest = rest.slice(1);
    }
    if (rest.length === 0 && assignments.length === 0) return undefined;
    if (rest.length > 0 && LEADING_KEYWORDS.has(rest[0]!)) continue;
    return { words: rest, assignments, line, after, pipesOut: false };
  }
}

/** The value of a double-quoted string starting after its opening quote, and the offset after its closing quote. */
function readDoubleQuoted(text: string, start: number): [string, number] {
  let value = '';
  let i = start;
  while (i < text.length && text[i] !== '"') {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      const escaped = text[i + 1]!;
      // Inside double quotes a backslash only escapes these; before anything else it stays.
      if (escaped === '\n') value += '';
      else if ('$`"\\'.includes(escaped)) value += escaped;
      else value += c + escaped;
      i += 2;
    } else if (c === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) {
      const end = skipBalanced(text, i + 1);
      value += text.slice(i, end);
      i = end;
    } else if (c === '`') {
      const end = skipBackquoted(text, i + 1);
      value += text.slice(i, end);
      i = end;
    } else {
      value += c;
      i++;
    }
  }
  return [value, i + 1];
}

/** The offset after the bracket that closes the `(` or `{` at `open`, minding quotes inside. */
function skipBalanced(text: string, open: number): number {
  const opener = text[open]!;
  const closer = opener === '(' ? ')' : '}';
  let depth = 0;
  let i = open;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === "'" && opener === '(') {
      const close = text.indexOf("'", i + 1);
      i = close < 0 ? text.length : close + 1;
      continue;
    }
    if (c === '"') {
      i = readDoubleQuoted(text, i + 1)[1];
      continue;
    }
    if (c === opener) depth++;
    else if (c === closer) {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return text.length;
}

function skipBackquoted(text: string, start: number): number {
  let i = start;
  while (i < text.length && text[i] !== '`') i += text[i] === '\\' ? 2 : 1;
  return Math.min(i + 1, text.length);
}

/** Skips the bodies of the here-documents opened on the line just ended; returns the offset after them. */
function skipHeredocBodies(
  text: string,
  start: number,
  heredocs: readonly { delimiter: string; stripTabs: boolean }[],
): number {
  let i = start;
  for (const { delimiter, stripTabs } of heredocs) {
    while (i < text.length) {
      const end = text.indexOf('\n', i);
      const lineEnd = end < 0 ? text.length : end;
      let line = text.slice(i, lineEnd);
      if (stripTabs) line = line.replace(/^\t+/, '');
      i = end < 0 ? text.length : end + 1;
      if (line === delimiter) break;
    }
  }
  return i;
}

/** `/usr/bin/apt-get` -> `apt-get`. */
export function commandBaseName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/**
 * The words of the command that actually runs, looking through `sudo` and `env` wrappers (`sudo -E apt-get ...`),
 * so that install checks see the package manager behind them.
 */
export function unwrapCommand(words: readonly string[]): string[] {
  let rest = [...words];
  for (;;) {
    const name = rest.length > 0 ? commandBaseName(rest[0]!) : '';
    if (name === 'sudo') {
      rest = rest.slice(1);
      while (rest.length > 0 && rest[0]!.startsWith('-')) {
        const option = rest[0]!;
        rest = rest.slice(
          /^-[ugpCDhrt]$|^--(user|group|prompt|close-from|chdir|host|role|type)$/.test(option)
            ? 2
            : 1,
        );
      }
    } else if (name === 'env') {
      rest = rest.slice(1);
      while (
        rest.length > 0 &&
        (rest[0]!.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(rest[0]!))
      )
        rest = rest.slice(1);
    } else {
      return rest;
    }
  }
}
