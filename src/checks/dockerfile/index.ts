// Dockerfile lint: every SW-DF rule over one Dockerfile, as Findings at file and line, inline ignores applied.
// Dockerfile syntax: https://docs.docker.com/reference/dockerfile/ ; rule coverage: docs/rule-coverage.md

import { findingOf, type Finding, type Rule } from '../../model/finding.js';
import { compareFindingsOfChecks } from '../order.js';
import { ADD_LOCAL_FILES, ADD_REMOTE_URL, addInstructionChecks } from './add-instruction.js';
import { baseImageChecks, LATEST_TAG, UNTAGGED_IMAGE } from './base-image.js';
import { buildSecretChecks, SECRET_IN_DOCKERFILE } from './build-secrets.js';
import type { DockerfileCheck } from './check.js';
import {
  containerCommandChecks,
  MULTIPLE_CMD,
  MULTIPLE_ENTRYPOINT,
  SHELL_FORM_COMMAND,
} from './container-command.js';
import { exposedPortChecks, SSH_PORT } from './exposed-ports.js';
import { healthcheckChecks, NO_HEALTHCHECK } from './healthcheck.js';
import {
  APK_CACHE,
  APT_LISTS_KEPT,
  APT_RECOMMENDS,
  packageInstallChecks,
  PIP_CACHE,
  UPDATE_ALONE,
} from './package-install.js';
import {
  APK_UNPINNED,
  APT_UNPINNED,
  GEM_UNPINNED,
  NPM_UNPINNED,
  packagePinningChecks,
  PIP_UNPINNED,
} from './package-pinning.js';
import { parseDockerfile } from './parse.js';
import { PIPE_WITHOUT_PIPEFAIL, RUN_CD, runCommandChecks, SUDO } from './run-commands.js';
import { ROOT_USER, runtimeUserChecks } from './runtime-user.js';
import { applyInlineIgnores, inlineIgnores } from './suppression.js';
import { RELATIVE_WORKDIR, workdirChecks } from './workdir.js';

export { parseDockerfile, type DockerfileModel } from './parse.js';

/** Every Dockerfile rule, by id. */
export const DOCKERFILE_RULES: readonly Rule[] = [
  ROOT_USER,
  SUDO,
  SSH_PORT,
  ADD_LOCAL_FILES,
  ADD_REMOTE_URL,
  LATEST_TAG,
  UNTAGGED_IMAGE,
  APT_RECOMMENDS,
  APT_LISTS_KEPT,
  APK_CACHE,
  PIP_CACHE,
  APT_UNPINNED,
  APK_UNPINNED,
  PIP_UNPINNED,
  NPM_UNPINNED,
  GEM_UNPINNED,
  MULTIPLE_CMD,
  MULTIPLE_ENTRYPOINT,
  SHELL_FORM_COMMAND,
  RUN_CD,
  PIPE_WITHOUT_PIPEFAIL,
  RELATIVE_WORKDIR,
  SECRET_IN_DOCKERFILE,
  NO_HEALTHCHECK,
  UPDATE_ALONE,
];

const CHECKS: readonly DockerfileCheck[] = [
  runtimeUserChecks,
  runCommandChecks,
  exposedPortChecks,
  addInstructionChecks,
  baseImageChecks,
  packageInstallChecks,
  packagePinningChecks,
  containerCommandChecks,
  workdirChecks,
  buildSecretChecks,
  healthcheckChecks,
];

/**
 * The findings of every Dockerfile rule in `text`, located at `file` (as given) and a 1-based line, sorted in the
 * report order; those an inline `# seawall:ignore=` comment covers are kept and marked suppressed.
 */
export function lintDockerfile(text: string, file: string): Finding[] {
  const model = parseDockerfile(text);
  const ignores = inlineIgnores(model);
  const findings = CHECKS.flatMap((check) => check(model)).map((hit) => {
    const details: { title?: string; evidence?: string } = {};
    if (hit.title !== undefined) details.title = hit.title;
    if (hit.evidence !== undefined) details.evidence = hit.evidence;
    const finding = findingOf(hit.rule, { path: file, line: hit.line }, details);
    return applyInlineIgnores(finding, hit.instructionLine, ignores, file);
  });
  return findings.sort(compareFindingsOfChecks);
}
