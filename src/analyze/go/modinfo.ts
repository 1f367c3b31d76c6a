// Parses the module info text of a Go binary: main package path, main module, dependency modules with replacements,
// build settings. The format is what runtime/debug.BuildInfo.String writes (https://go.dev/src/runtime/debug/mod.go).

export interface GoModuleVersion {
  path: string;
  /** A module version such as `v1.2.3`, `(devel)` for the main module, '' for a directory replacement before Go 1.18. */
  version: string;
}

export interface GoModule extends GoModuleVersion {
  /** The `=>` line after it: the module the build used in its place (go.mod `replace`). */
  replace?: GoModuleVersion;
}

export interface GoModInfo {
  /** The main package's import path. */
  path?: string;
  /** The main module; absent for a GOPATH build. */
  main?: GoModule;
  deps: GoModule[];
  /** `build` lines (compiler flags, GOOS/GOARCH, vcs.revision ...), in the order written. */
  settings: Record<string, string>;
}

/** Reads the lines Go writes, skipping (with a warning) the ones that break its rules, as debug.ParseBuildInfo would reject. */
export function parseGoModInfo(text: string, warn: (message: string) => void): GoModInfo {
  const info: GoModInfo = { deps: [], settings: {} };
  let last: GoModule | undefined; // the module an `=>` line may replace
  const problems: string[] = [];
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    const tab = line.indexOf('\t');
    if (tab < 0) {
      last = undefined;
      continue;
    }
    const kind = line.slice(0, tab);
    const rest = line.slice(tab + 1);
    const columns = rest.split('\t');
    switch (kind) {
      case 'path':
        info.path = rest;
        break;
      case 'mod':
      case 'dep': {
        if (columns.length !== 2 && columns.length !== 3) {
          problems.push(`line ${index + 1}: ${kind} with ${columns.length} columns`);
          last = undefined;
          break;
        }
        last = { path: columns[0]!, version: columns[1]! };
        if (kind === 'mod') info.main = last;
        else info.deps.push(last);
        break;
      }
      case '=>':
        if (columns.length !== 3 || !last) {
          problems.push(
            `line ${index + 1}: replacement without a module before it or with ${columns.length} columns`,
          );
        } else {
          last.replace = { path: columns[0]!, version: columns[1]! };
        }
        last = undefined;
        break;
      case 'build': {
        const setting = buildSetting(rest);
        if (setting) info.settings[setting[0]] = setting[1];
        else problems.push(`line ${index + 1}: unreadable build setting`);
        break;
      }
      default:
        // Unknown line kinds are for newer Go versions to add: ignored, as Go ignores them.
        break;
    }
  }
  if (problems.length > 0)
    warn(
      `Go module info: skipped ${problems.length} malformed lines (${problems.slice(0, 3).join('; ')})`,
    );
  return info;
}

/** `KEY=VALUE`, where a key or value holding spaces, tabs, quotes or '=' (key only) is quoted as Go quotes strings. */
function buildSetting(text: string): [string, string] | undefined {
  let key: string;
  let rawValue: string;
  if (text.startsWith('"') || text.startsWith('`')) {
    const quoted = quotedPrefix(text);
    if (!quoted || text[quoted.length] !== '=') return undefined;
    key = unquote(quoted);
    rawValue = text.slice(quoted.length + 1);
  } else {
    const eq = text.indexOf('=');
    if (eq <= 0) return undefined;
    key = text.slice(0, eq);
    rawValue = text.slice(eq + 1);
  }
  return [key, rawValue.startsWith('"') || rawValue.startsWith('`') ? unquote(rawValue) : rawValue];
}

function quotedPrefix(text: string): string | undefined {
  const quote = text[0]!;
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\' && quote === '"') i++;
    else if (text[i] === quote) return text.slice(0, i + 1);
  }
  return undefined;
}

/** Go's strconv.Quote output is a JSON string in all but rare escapes (\x, \a, \v, \U): those stay as written. */
function unquote(quoted: string): string {
  if (quoted.startsWith('`')) return quoted.slice(1, quoted.endsWith('`') ? -1 : undefined);
  try {
    const value: unknown = JSON.parse(quoted);
    if (typeof value === 'string') return value;
  } catch {
    // fall through to the text between the quotes
  }
  return quoted.slice(1, quoted.endsWith('"') ? -1 : undefined);
}
