// Which language runtimes a container's command line runs: Entrypoint then Cmd, as Docker joins them, looked through
// init wrappers and `sh -c` scripts. https://docs.docker.com/reference/dockerfile/#understand-how-cmd-and-entrypoint-interact

import { runtimeOf } from '../../analyze/hardening/executables.js';
import type { RuntimeName } from '../../analyze/hardening/evidence.js';
import type { ImageConfigSummary } from '../../model/inventory.js';
import { commandBaseName, splitShell, unwrapCommand } from '../dockerfile/shell.js';

export interface EntrypointUse {
  /** Entrypoint followed by Cmd: what the container runs. */
  argv: string[];
  /** Runtimes the command line names, sorted. */
  runtimes: RuntimeName[];
  /**
   * Whether the command line runs a script Seawall cannot see into (`docker-entrypoint.sh`, `sh start`): it may
   * start any runtime, so nothing can be said to be unused.
   */
  opaque: boolean;
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh']);
/** Programs that run the rest of their arguments as the command: init processes and privilege droppers. */
const PREFIXES: ReadonlyMap<string, number> = new Map<string, number>([
  ['tini', 1],
  ['dumb-init', 1],
  ['catatonit', 1],
  ['nohup', 1],
  ['exec', 1],
  ['setsid', 1],
  ['busybox', 1],
  ['gosu', 2], // gosu USER COMMAND...
  ['su-exec', 2],
]);
/** Tools that are programs of a runtime's ecosystem, so running them runs the runtime. */
const RUNTIME_TOOLS: ReadonlyMap<string, RuntimeName> = new Map<string, RuntimeName>([
  ['jshell', 'java'],
  ['catalina.sh', 'java'],
  ['mvn', 'java'],
  ['gradle', 'java'],
  ['npm', 'node'],
  ['npx', 'node'],
  ['yarn', 'node'],
  ['pnpm', 'node'],
  ['pip', 'python'],
  ['pip3', 'python'],
  ['gunicorn', 'python'],
  ['uvicorn', 'python'],
  ['celery', 'python'],
  ['bundle', 'ruby'],
  ['rails', 'ruby'],
  ['rake', 'ruby'],
  ['puma', 'ruby'],
  ['composer', 'php'],
]);
const SCRIPT_RUNTIMES: ReadonlyMap<string, RuntimeName> = new Map<string, RuntimeName>([
  ['py', 'python'],
  ['js', 'node'],
  ['mjs', 'node'],
  ['cjs', 'node'],
  ['rb', 'ruby'],
  ['pl', 'perl'],
  ['php', 'php'],
]);

/** The runtimes the configuration's command line runs, or undefined when it has none (a root filesystem). */
export function entrypointUse(config: ImageConfigSummary | undefined): EntrypointUse | undefined {
  const entrypoint = config?.entrypoint ?? [];
  const argv =
    entrypoint.length > 0 ? [...entrypoint, ...(config?.cmd ?? [])] : [...(config?.cmd ?? [])];
  if (argv.length === 0) return undefined;
  const runtimes = new Set<RuntimeName>();
  const state = { opaque: false };
  readCommand(argv, runtimes, state, 0);
  return { argv, runtimes: [...runtimes].sort(), opaque: state.opaque };
}

function readCommand(
  words: readonly string[],
  runtimes: Set<RuntimeName>,
  state: { opaque: boolean },
  depth: number,
): void {
  const argv = unwrapPrefixes(words);
  if (argv.length === 0) return;
  const name = commandBaseName(argv[0]!);
  if (SHELLS.has(name)) {
    const c = argv.findIndex((w, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(w));
    const script = c > 0 ? argv[c + 1] : undefined;
    if (script !== undefined && depth < 4) {
      for (const command of splitShell(script, () => 1).commands)
        readCommand(command.words, runtimes, state, depth + 1);
    } else if (argv.slice(1).some((w) => !w.startsWith('-'))) {
      state.opaque = true; // `sh start.sh`: a script file
    }
    return; // a shell alone is interactive and runs nothing by itself
  }
  if (name === '.' || name === 'source') {
    state.opaque = true; // sourcing a script (a virtualenv's activate) runs what it holds
    return;
  }
  const runtime = runtimeOf(name) ?? RUNTIME_TOOLS.get(name);
  if (runtime) {
    runtimes.add(runtime);
    return;
  }
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1) : '';
  const scriptRuntime = SCRIPT_RUNTIMES.get(extension);
  if (scriptRuntime) runtimes.add(scriptRuntime);
  else if (extension === 'sh' || extension === 'bash' || name.includes('entrypoint'))
    state.opaque = true;
}

/** The command behind `env`, `sudo`, `tini --`, `gosu user` and the like. */
function unwrapPrefixes(words: readonly string[]): string[] {
  let rest = unwrapCommand(words);
  for (let guard = 0; guard < 8 && rest.length > 0; guard++) {
    const skip = PREFIXES.get(commandBaseName(rest[0]!));
    if (skip === undefined) break;
    rest = rest.slice(skip);
    while (rest.length > 0 && rest[0]!.startsWith('-')) {
      const option = rest[0]!;
      rest = rest.slice(1);
      if (option === '--') break;
    }
    rest = unwrapCommand(rest);
  }
  return rest;
}
