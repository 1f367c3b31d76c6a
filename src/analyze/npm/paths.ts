// Which files the npm analyzer reads: installed packages' root manifests, other package.json files (workspace link
// targets), and lock files in application directories. Node's folder layout: https://docs.npmjs.com/cli/v10/configuring-npm/folders

/**
 * `installed`: the root manifest of a package in a node_modules folder or a Debian nodejs folder;
 * `local`: any other package.json outside node_modules (an application, or a workspace package reached through a link);
 * `lock`: a lock file in an application directory.
 */
export type NpmFileRole = 'installed' | 'local' | 'lock';

const NODE_MODULES = 'node_modules/';
const MANIFEST = 'package.json';
const LOCK_FILE_NAMES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
]);

/**
 * Lock files inside folders of these names were shipped by another package (a Ruby gem's editor extension, a Composer
 * package's build files): they record how that package's authors built it, not what the image runs.
 */
const FOREIGN_PACKAGE_FOLDERS = [
  '/node_modules/',
  '/gems/',
  '/site-packages/',
  '/dist-packages/',
  '/vendor/',
];
const DOCUMENTATION = 'usr/share/doc/';

/**
 * Debian's Node.js policy installs modules as /usr/share/nodejs/NAME, /usr/lib/nodejs/NAME and
 * /usr/lib/TRIPLET/nodejs/NAME (https://wiki.debian.org/Javascript/Nodejs/Manual): these are packages' root folders.
 */
const DEBIAN_NODE_ROOTS = ['usr/share/nodejs/', 'usr/lib/nodejs/'];

/** The role of a file for the npm analyzer, or undefined when it does not read it. Cheap: string tests only. */
export function npmFileRole(path: string): NpmFileRole | undefined {
  const slash = path.lastIndexOf('/');
  const name = path.slice(slash + 1);
  if (name === MANIFEST) return manifestRole(path);
  if (!LOCK_FILE_NAMES.has(name)) return undefined;
  if (path.startsWith(DOCUMENTATION)) return undefined;
  const rooted = '/' + path; // lock files are few: this allocation is not on the every-file path
  for (const folder of FOREIGN_PACKAGE_FOLDERS) if (rooted.includes(folder)) return undefined;
  return 'lock';
}

function manifestRole(path: string): NpmFileRole | undefined {
  const packageDir = path.slice(0, -MANIFEST.length - 1);
  const nm = lastNodeModules(packageDir);
  if (nm >= 0) {
    // Only a package's own manifest: node_modules/NAME or node_modules/@SCOPE/NAME, not files deeper inside it.
    return isPackageFolderName(packageDir.slice(nm + NODE_MODULES.length))
      ? 'installed'
      : undefined;
  }
  const root = debianNodeRootOf(packageDir);
  if (root !== undefined && isPackageFolderName(packageDir.slice(root.length))) return 'installed';
  return 'local';
}

/** Index of the last `node_modules/` path component in `dir` (with its trailing slash), or -1. */
function lastNodeModules(dir: string): number {
  const at = (dir + '/').lastIndexOf(NODE_MODULES);
  return at === 0 || (at > 0 && dir[at - 1] === '/') ? at : -1;
}

function debianNodeRootOf(dir: string): string | undefined {
  for (const root of DEBIAN_NODE_ROOTS) if (dir.startsWith(root)) return root;
  if (!dir.startsWith('usr/lib/')) return undefined;
  const tripletEnd = dir.indexOf('/', 'usr/lib/'.length);
  if (tripletEnd < 0) return undefined;
  const root = dir.slice(0, tripletEnd) + '/nodejs/';
  return dir.startsWith(root) ? root : undefined;
}

/** `NAME` or `@SCOPE/NAME`, neither part hidden (node_modules/.bin, .pnpm and .cache are not packages). */
function isPackageFolderName(rest: string): boolean {
  if (rest === '' || rest.startsWith('.')) return false;
  const slash = rest.indexOf('/');
  if (!rest.startsWith('@')) return slash < 0;
  if (slash < 0 || slash === rest.length - 1 || rest.indexOf('/', slash + 1) >= 0) return false;
  return slash > 1 && rest[slash + 1] !== '.';
}

/** The package folder of a manifest path. */
export function manifestDir(path: string): string {
  return path === MANIFEST ? '' : path.slice(0, -MANIFEST.length - 1);
}

/** The Debian global module folder that holds this package folder, if any. */
export function debianNodeRoot(packageDir: string): string | undefined {
  const root = debianNodeRootOf(packageDir);
  return root === undefined ? undefined : root.slice(0, -1);
}
