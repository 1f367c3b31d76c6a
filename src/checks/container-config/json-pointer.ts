// The JSON paths configuration findings carry (`$.spec.containers[0].securityContext`, as src/config/documents.ts
// writes them) turned into JSON Pointers (RFC 6901, https://www.rfc-editor.org/rfc/rfc6901) for JSON Patch paths.

/** The keys and indexes of a JSON path written by `jsonPath()`, or undefined when it is not one. */
export function jsonPathSegments(path: string): (string | number)[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const segments: (string | number)[] = [];
  let rest = path.slice(1);
  while (rest !== '') {
    const dotted = /^\.([A-Za-z_$][\w$]*)/.exec(rest);
    const indexed = /^\[(\d+)\]/.exec(rest);
    const quoted = /^\[("(?:[^"\\]|\\.)*")\]/.exec(rest);
    if (dotted) segments.push(dotted[1]!);
    else if (indexed) segments.push(Number(indexed[1]));
    else if (quoted) {
      try {
        segments.push(JSON.parse(quoted[1]!) as string);
      } catch {
        return undefined;
      }
    } else return undefined;
    rest = rest.slice((dotted ?? indexed ?? quoted)![0].length);
  }
  return segments;
}

/** `$.spec.containers[0]["a/b"]` -> `/spec/containers/0/a~1b`; undefined when the path does not parse. */
export function jsonPathToPointer(path: string): string | undefined {
  const segments = jsonPathSegments(path);
  if (!segments) return undefined;
  // RFC 6901 section 3: `~` is written `~0` and `/` is written `~1`, in that order.
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}
