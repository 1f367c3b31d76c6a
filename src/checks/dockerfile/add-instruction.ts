// ADD where COPY does: ADD also fetches URLs and unpacks local tar archives, so it should be kept for those, and a
// download should be verified. CIS Docker Benchmark v1.6 section 4.9; https://docs.docker.com/reference/dockerfile/#add

import {
  dockerfileRule,
  hadolintWiki,
  hitAt,
  instructionEvidence,
  REFERENCE,
  stageInstructions,
  trivyAvd,
  type DockerfileCheck,
  type Hit,
} from './check.js';
import type { DockerfileModel } from './parse.js';

export const ADD_LOCAL_FILES = dockerfileRule({
  id: 'SW-DF-004',
  severity: 'low',
  title: 'ADD copies local files (use COPY)',
  remediation:
    'Use COPY for files and directories from the build context; keep ADD for unpacking a local tar archive.',
  scope: 'every stage',
  references: [`${REFERENCE}#add`, hadolintWiki('DL3020'), trivyAvd('DS005')],
  frameworks: { 'cis-docker': ['4.9'], hadolint: ['DL3020'], trivy: ['DS005'] },
});

export const ADD_REMOTE_URL = dockerfileRule({
  id: 'SW-DF-005',
  severity: 'medium',
  title: 'ADD downloads a URL without a checksum',
  remediation:
    'Give the download a checksum (ADD --checksum=sha256:...), or fetch it in a RUN that verifies it (curl -fsSLo f URL && echo "SUM  f" | sha256sum -c).',
  scope: 'every stage',
  references: [`${REFERENCE}#add`],
  frameworks: { 'cis-docker': ['4.9'] },
});

/** Extensions of the tar archives ADD unpacks (identity, gzip, bzip2 and xz compressed). */
const ARCHIVE =
  /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tb2|tar\.xz|txz|tar\.lz|tlz|tar\.z|tz|tar\.zst|tzst)$/i;
const REMOTE = /^(https?:\/\/|git@|git:\/\/|ssh:\/\/)/i;

export const addInstructionChecks: DockerfileCheck = (model: DockerfileModel): Hit[] => {
  const hits: Hit[] = [];
  for (const add of stageInstructions(model, 'ADD')) {
    // The last argument is the destination; here-documents (<<EOF) are inline content, not files.
    const sources = add.args.slice(0, -1).filter((s) => !s.startsWith('<<'));
    const remote = sources.filter((s) => REMOTE.test(s));
    const local = sources.filter((s) => !REMOTE.test(s) && !ARCHIVE.test(s));
    const checksum = add.flags.some((f) => f.name === 'checksum' && f.value);
    if (remote.length > 0 && !checksum)
      hits.push(
        hitAt(ADD_REMOTE_URL, add, {
          title: `ADD downloads ${remote[0]} without a checksum`,
          evidence: instructionEvidence(add),
        }),
      );
    if (local.length > 0)
      hits.push(
        hitAt(ADD_LOCAL_FILES, add, {
          title: `ADD copies ${local.join(', ')} from the build context (use COPY)`,
          evidence: instructionEvidence(add),
        }),
      );
  }
  return hits;
};
