// Collapses the file paths a container touched into a few AppArmor path globs, and escapes what must stay literal
// (AppArmor globbing: https://gitlab.com/apparmor/apparmor/-/wikis/AppArmor_Core_Policy_Reference#globbing).

import { compareText } from '../../model/order.js';

/** A directory this shallow (`/etc`, `/usr`) is never collapsed: `/etc/*` would take /etc/shadow along. */
const MIN_GLOB_DEPTH = 2;
/** Files directly in one directory before they become `dir/*`. */
const MIN_FILES_FOR_STAR = 2;

/** Characters AppArmor reads as globbing, alternation, quoting or escape inside a path. */
const SPECIAL = /[*?[\]{}"\\^]/g;

/**
 * The AppArmor spelling of an absolute path, with /proc/<pid> (and /proc/self) as @{pid} and task ids as @{tid}; or
 * undefined for a path no rule can name (relative, or holding control characters or a NUL).
 */
export function apparmorPath(path: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (!path.startsWith('/') || /[\x00-\x1f\x7f]/.test(path)) return undefined;
  const segments = path.split('/').slice(1);
  const out = segments.map((segment) => segment.replace(SPECIAL, (c) => `\\${c}`));
  if (segments[0] === 'proc' && segments.length > 1) {
    if (/^\d+$/.test(segments[1]!) || segments[1] === 'self') out[1] = '@{pid}';
    else if (segments[1] === 'thread-self') out.splice(1, 1, '@{pid}', 'task', '@{tid}');
    const task = out[1] === '@{pid}' ? out.indexOf('task', 2) : -1;
    if (task === 2 && /^\d+$/.test(out[3] ?? '')) out[3] = '@{tid}';
  }
  return `/${out.join('/')}`;
}

interface Node {
  children: Map<string, Node>;
  /** A path ends here. */
  leaf: boolean;
}

/**
 * The globs that cover `paths` (already in AppArmor spelling), sorted. Rules, shallowest first:
 * - a directory at depth >= 2 whose paths fan out into at least two entries, one of them a subdirectory, becomes
 *   `dir/**` (a whole observed tree: /etc/nginx/ with nginx.conf and sites-enabled/default);
 * - otherwise, at least two files directly in a directory at depth >= 2 become `dir/*`;
 * - anything else stays literal.
 */
export function collapsePaths(paths: Iterable<string>): string[] {
  const root: Node = { children: new Map(), leaf: false };
  for (const path of paths) {
    let node = root;
    for (const segment of path.split('/').slice(1)) {
      let child = node.children.get(segment);
      if (!child) {
        child = { children: new Map(), leaf: false };
        node.children.set(segment, child);
      }
      node = child;
    }
    node.leaf = true;
  }
  const globs = new Set<string>();
  walk(root, '', 0, globs);
  return [...globs].sort(compareText);
}

function walk(node: Node, prefix: string, depth: number, globs: Set<string>): void {
  if (depth >= MIN_GLOB_DEPTH) {
    const entries = [...node.children.values()];
    const subdirectories = entries.filter((child) => child.children.size > 0).length;
    if (entries.length >= 2 && subdirectories >= 1) {
      globs.add(`${prefix}/**`);
      if (node.leaf) globs.add(prefix);
      return;
    }
  }
  if (node.leaf && prefix) globs.add(prefix);
  const files = [...node.children].filter(([, child]) => child.children.size === 0);
  const star = depth >= MIN_GLOB_DEPTH && files.length >= MIN_FILES_FOR_STAR;
  if (star) globs.add(`${prefix}/*`);
  for (const [segment, child] of node.children) {
    if (star && child.children.size === 0) continue;
    walk(child, `${prefix}/${segment}`, depth + 1, globs);
  }
}
