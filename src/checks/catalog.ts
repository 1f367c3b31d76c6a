// Every hardening rule Seawall has, in one list: the ids users suppress and tools map to. Ids are stable: the test
// beside this file compares them with test/fixtures/checks/rule-ids.txt, which may grow but never loses or
// renames an id.

import type { Rule } from '../model/finding.js';
import { CIS_CONFIG_RULES } from './container-config/index.js';
import { DOCKERFILE_RULES } from './dockerfile/index.js';
import { FILESYSTEM_RULES } from './filesystem/index.js';
import { IMAGE_CONFIG_RULES } from './image-config/index.js';
import { PSS_RULES } from './pss/index.js';
import { SECRET_RULES } from './secrets/rules.js';

/** All rules, sorted by id. */
export const RULES: readonly Rule[] = [
  ...IMAGE_CONFIG_RULES,
  ...FILESYSTEM_RULES,
  ...SECRET_RULES,
  ...DOCKERFILE_RULES,
  ...CIS_CONFIG_RULES,
  ...PSS_RULES,
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
