// Splits a Java archive's file name into an artifact name and version, as Maven names what it builds: ARTIFACT-VERSION.jar.
// Maven's naming: https://maven.apache.org/guides/mini/guide-naming-conventions.html; Eclipse bundles use BSN_VERSION.jar.

export interface ArchiveFileName {
  /** The artifact name ('' when the name is all version). */
  name: string;
  /** The version, when the file name carries one. */
  version?: string;
}

/**
 * `log4j-core-2.19.0.jar` → log4j-core, 2.19.0. The version starts at the last dash-separated part that begins with
 * a digit and has a dot (so `log4j-1.2-api-2.19.0` keeps `1.2` in the name and `guava-31.1-jre` keeps `-jre` in the
 * version), else at the first part that begins with a digit (`my-http2-server-5`). An Eclipse bundle's version follows
 * an underscore (`org.eclipse.osgi_3.7.1.R37x_v20110808-1106.jar`); so does any version in a name without dashes
 * (`foo_1.0.jar`), but a Scala artifact's `_2.13` is part of its name.
 */
export function parseArchiveFileName(fileName: string): ArchiveFileName {
  const dot = fileName.lastIndexOf('.');
  const stem = dot > 0 ? fileName.slice(0, dot) : fileName;
  const parts = stem.split('-');
  const bundle = ECLIPSE_BUNDLE_VERSION.exec(parts[0]!);
  if (bundle) return { name: stem.slice(0, bundle.index), version: stem.slice(bundle.index + 1) };
  let start = -1;
  for (let i = parts.length - 1; i >= 1; i--)
    if (startsWithDigit(parts[i]!) && parts[i]!.includes('.')) {
      start = i;
      break;
    }
  if (start < 0) start = parts.findIndex((p, i) => i >= 1 && startsWithDigit(p));
  if (start < 0 && parts.length === 1 && startsWithDigit(stem)) return { name: '', version: stem };
  if (start >= 1)
    return { name: parts.slice(0, start).join('-'), version: parts.slice(start).join('-') };
  const underscore = parts.length === 1 ? lastUnderscoreBeforeDigit(stem) : -1;
  if (underscore > 0)
    return { name: stem.slice(0, underscore), version: stem.slice(underscore + 1) };
  return { name: stem };
}

/** `_` and a three-part version in the first dash-separated part: an Eclipse bundle (BSN_VERSION), not a Scala `_2.13`. */
const ECLIPSE_BUNDLE_VERSION = /_\d+\.\d+\.\d/;

function startsWithDigit(text: string): boolean {
  const c = text.charCodeAt(0);
  return c >= 48 && c <= 57;
}

function lastUnderscoreBeforeDigit(stem: string): number {
  for (let i = stem.length - 2; i > 0; i--)
    if (stem[i] === '_' && startsWithDigit(stem.slice(i + 1))) return i;
  return -1;
}
