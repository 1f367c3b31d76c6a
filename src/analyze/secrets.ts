// The 'secrets' analyzer: credentials in every layer's text files (rules in src/checks/secrets/rules.ts), as evidence,
// including copies a later layer deleted or replaced, since the layer still ships them (OCI image spec, layer changesets:
// https://github.com/opencontainers/image-spec/blob/main/layer.md#whiteouts).
//
// Which files: every regular file up to the size limit, except allow-listed paths and names that are binary by
// convention (images, archives, compiled objects, fonts, message catalogues). Nothing is skipped by directory or
// executable bit: scripts are executable and carry tokens, and a directory like usr/lib also holds text. Other binaries
// cost one 8 KiB read: a NUL byte there (every ELF file has one in its header) turns them away before the rest is read.
// Secrets inside archives (.jar, .whl, .gz) and compiled Python (.pyc) are not looked for.

import { compareText } from '../model/order.js';
import {
  BINARY_PROBE_BYTES,
  compileSecretScanner,
  isBinary,
  type SecretMatch,
  type SecretOptions,
} from '../checks/secrets/scan-text.js';
import type { Analyzer, AssembleInput } from './analyzer.js';

/** One file's secrets in one layer, or undefined (no fact) when it has none. */
export type SecretFact = SecretMatch[];

/** One secret as the checks see it. */
export interface SecretEvidence {
  /** The rule's id (SW-SEC-nnn). */
  rule: string;
  /** Relative to the root, no leading slash. */
  path: string;
  /** Index of the layer whose copy of the file holds it. */
  layer: number;
  line: number;
  masked: string;
  /** The final image no longer has this copy: a later layer deleted or replaced the file. */
  deleted: boolean;
}

/** File names that are binary by convention: never text worth a read (see the header). */
const BINARY_NAME =
  /\.(?:png|jpe?g|gif|ico|webp|bmp|tiff?|xpm|gz|tgz|xz|txz|bz2|tbz2|zst|lz4|lzma|zip|jar|war|ear|whl|egg|deb|udeb|rpm|apk|7z|rar|tar|a|o|ko|so|pyc|pyo|class|mo|gmo|ttf|otf|woff2?|pcf|pfb|mp3|mp4|ogg|oga|wav|flac|db|sqlite3?|bin)$|\.so(?:\.[0-9]+)+$/i;

/** An analyzer with these limits and allow-lists; their text is part of the layer cache key. */
export function createSecretsAnalyzer(options: SecretOptions = {}): Analyzer<SecretFact> {
  const scanner = compileSecretScanner(options);
  const found = (matches: SecretMatch[]) => (matches.length > 0 ? matches : undefined);
  return {
    name: 'secrets',
    // Bump when a rule, the default allow-list or the scanner changes what is found: cached layers keep their facts.
    version: 1,
    settings: scanner.settings,
    wants(path, entry) {
      return (
        entry.size > 0 &&
        entry.size <= scanner.maxFileBytes &&
        !BINARY_NAME.test(path) &&
        !scanner.skipsPath(path)
      );
    },
    async parseRanged(file) {
      const head = await file.read(0, BINARY_PROBE_BYTES);
      if (isBinary(head)) return undefined;
      const content = file.size <= head.length ? head : await file.readAll();
      return found(scanner.scan(content, file.path));
    },
    parse(file) {
      return found(scanner.scan(file.content, file.path));
    },
    assemble(input) {
      return { evidence: secretEvidence(input) };
    },
  };
}

/** The analyzer with the default limits and allow-list. */
export const secretsAnalyzer: Analyzer<SecretFact> = createSecretsAnalyzer();

/** Every layer's secrets, each marked deleted when the image's final copy of its path is not that layer's. */
export function secretEvidence(input: AssembleInput<SecretFact>): SecretEvidence[] {
  const evidence: SecretEvidence[] = [];
  input.layerFacts.forEach((facts, layer) => {
    for (const [path, matches] of Object.entries(facts)) {
      const final = input.tree.lstat(path);
      const deleted = final === undefined || final.layer !== layer;
      for (const m of matches)
        evidence.push({ rule: m.rule, path, layer, line: m.line, masked: m.masked, deleted });
    }
  });
  return evidence.sort(compareSecretEvidence);
}

function compareSecretEvidence(a: SecretEvidence, b: SecretEvidence): number {
  return (
    compareText(a.path, b.path) ||
    a.layer - b.layer ||
    a.line - b.line ||
    compareText(a.rule, b.rule) ||
    compareText(a.masked, b.masked)
  );
}
