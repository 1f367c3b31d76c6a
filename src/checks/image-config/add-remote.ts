// SW-IMG-008: an ADD step fetched a remote URL, unverified, into the image, as BuildKit records it (`ADD https://...
// /dest # buildkit`). Docker's ADD (https://docs.docker.com/reference/dockerfile/#add); CIS Docker Benchmark 4.9.

import { findingOf, type Finding, type Rule } from '../../model/finding.js';
import { stepLocation, type CheckContext } from './context.js';
import { maskUrlSecrets } from './mask.js';

export const ADD_REMOTE_URL: Rule = {
  id: 'SW-IMG-008',
  kind: 'image',
  severity: 'medium',
  title: 'ADD fetches a remote URL into the image',
  remediation:
    'Download in a RUN step and verify the file (curl -fsSLo f URL && echo "<sha256>  f" | sha256sum -c -), or pin it with ADD --checksum=sha256:...; use COPY for local files.',
  references: [
    'https://docs.docker.com/reference/dockerfile/#add',
    'https://github.com/goodwithtech/dockle/blob/master/CHECKPOINT.md',
  ],
  frameworks: { 'cis-docker': ['4.9'], dockle: ['CIS-DI-0009'] },
};

/** The words of an ADD's arguments, shell form or JSON form (`["src", "dest"]`). */
function addWords(args: string): string[] {
  const text = args.trim();
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed) && parsed.every((w) => typeof w === 'string')) return parsed;
    } catch {
      // Not JSON after all: read it as words.
    }
  }
  return text.split(/\s+/).filter((w) => w !== '');
}

export function addRemoteFindings(ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  for (const step of ctx.steps) {
    if (step.instruction !== 'ADD') continue;
    const words = addWords(step.args);
    const flags = words.filter((w) => w.startsWith('--'));
    // BuildKit verifies a download against --checksum: the risk this rule is about is gone.
    if (flags.some((f) => f.startsWith('--checksum='))) continue;
    const paths = words.filter((w) => !w.startsWith('--'));
    const urls = paths.slice(0, -1).filter((w) => /^https?:\/\//i.test(w));
    if (urls.length === 0) continue;
    const shown = urls.map(maskUrlSecrets);
    const location = stepLocation(step);
    findings.push(
      findingOf(ADD_REMOTE_URL, location, {
        title: `ADD fetches a remote URL (${shown.join(', ')}, ${location.jsonPath})`,
        evidence: `ADD ${[...flags, ...shown, paths[paths.length - 1]!].join(' ')}`,
      }),
    );
  }
  return findings;
}
