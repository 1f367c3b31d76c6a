// `seawall agent --server URL --token T`: reports this host's containers (starts, stops, images) to a Seawall
// server, once (--once) or every interval until SIGINT or SIGTERM. Exit codes: 0 everything
// delivered; 1 something left for later or the server unreachable (--once); 2 bad options or a refused token.

import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  runAgent,
  runAgentLoop,
  type AgentOptions,
  type AgentRunResult,
} from '../../agent/agent.js';
import { parseServerUrl } from '../../agent/client.js';
import { discoveryRoots } from '../../agent/discover/container.js';
import { DEFAULT_AGENT_STATE_DIR } from '../../agent/state.js';
import { InputError } from '../../errors.js';
import { EXIT_FINDINGS, EXIT_OK, type CommandRun } from '../errors.js';

/** The token may come from the environment instead, where `ps` does not show it. */
export const TOKEN_ENV = 'SEAWALL_AGENT_TOKEN';

interface AgentFlags {
  server: string;
  token?: string;
  once?: boolean;
  interval: number;
  hostName?: string;
  label: string[];
  stateDir: string;
  ca?: string;
  hostRoot?: string;
}

/** `run` receives the exit code of `--once` (1 when events or SBOMs are left for later). */
export function registerAgent(program: Command, run?: CommandRun): void {
  program
    .command('agent')
    .description(
      "report this host's containers to a Seawall server: starts, stops, and SBOMs of images it lacks",
    )
    .requiredOption('--server <url>', 'the Seawall server (http:// or https://)')
    .option('--token <token>', `the agent's API token (default: $${TOKEN_ENV})`)
    .option('--once', 'one pass, then exit (0 when everything was delivered, 1 when not)')
    .option('--interval <seconds>', 'seconds between passes', positiveSeconds, 10)
    .option('--host-name <name>', "this host's name in the inventory (default: the system's)")
    .option('--label <key=value>', 'a label of this host (repeatable)', collect, [])
    .option(
      '--state-dir <dir>',
      'where the spool and the last pass are kept',
      DEFAULT_AGENT_STATE_DIR,
    )
    .option('--ca <file>', "PEM certificate of the CA that issued the server's certificate")
    .option(
      '--host-root <dir>',
      "where the host's filesystem is (the agent in a container with the host's / mounted)",
    )
    .option('--debug', 'print stack traces of errors')
    .action(async (flags: AgentFlags) => {
      const options = agentOptions(flags);
      if (flags.once) {
        const result = await runAgent(options);
        process.stdout.write(`${summary(result)}\n`);
        if (result.problem) process.stderr.write(`seawall: agent: ${result.problem}\n`);
        // Not delivered: events or SBOMs left for later, or a server that could not be told the host is alive.
        const left = result.pending > 0 || result.sbomsPending.length > 0 || !!result.problem;
        const code = left ? EXIT_FINDINGS : EXIT_OK;
        if (run) run.exitCode = code;
        return;
      }
      const stop = new AbortController();
      // The first signal ends the loop after the pass under way; a second one does not wait for it.
      const onSignal = (signal: NodeJS.Signals) => {
        if (stop.signal.aborted) process.exit(signal === 'SIGINT' ? 130 : 143);
        stop.abort();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      let lastProblem: string | undefined;
      try {
        await runAgentLoop({
          ...options,
          intervalSeconds: flags.interval,
          signal: stop.signal,
          onPass: (result) => {
            // One line when something happened or went wrong, not one every interval.
            if (result.problem && result.problem !== lastProblem)
              process.stderr.write(`seawall: agent: ${result.problem}; retrying\n`);
            else if (!result.problem && lastProblem)
              process.stderr.write('seawall: agent: the server answers again\n');
            lastProblem = result.problem;
            if (result.started + result.stopped + result.sbomsUploaded.length > 0)
              process.stderr.write(`seawall: agent: ${summary(result)}\n`);
          },
        });
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}

/** Every option checked before the first pass: a bad one is one line and exit 2. */
export function agentOptions(flags: AgentFlags): AgentOptions {
  parseServerUrl(flags.server);
  const token = flags.token ?? process.env[TOKEN_ENV];
  if (!token) throw new InputError('--token', `required (or set ${TOKEN_ENV})`);
  if (!/^[\x21-\x7e]+$/.test(token))
    throw new InputError('--token', 'must be printable ASCII without spaces');
  const options: AgentOptions = {
    server: flags.server,
    token,
    labels: parseLabels(flags.label),
    stateDir: flags.stateDir,
  };
  if (flags.hostName !== undefined) {
    if (!/^[^\s]{1,253}$/.test(flags.hostName))
      throw new InputError(
        `--host-name ${flags.hostName}`,
        'must be 1 to 253 characters, no spaces',
      );
    options.hostName = flags.hostName;
  }
  if (flags.ca !== undefined) options.caFile = flags.ca;
  if (flags.hostRoot !== undefined) {
    if (!isDirectory(flags.hostRoot))
      throw new InputError(`--host-root ${flags.hostRoot}`, 'not a directory');
    options.roots = discoveryRoots(resolve(flags.hostRoot));
  }
  return options;
}

function parseLabels(pairs: string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new InputError(`--label ${pair}`, 'expected key=value');
    const value = pair.slice(eq + 1);
    if (value.length > 4096)
      throw new InputError(`--label ${pair.slice(0, eq)}`, 'value longer than 4096');
    labels[pair.slice(0, eq)] = value;
  }
  if (Object.keys(labels).length > 512) throw new InputError('--label', 'at most 512 labels');
  return labels;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function positiveSeconds(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(n > 0) || n > 86_400)
    throw new InputError(`--interval ${value}`, 'expected seconds between 0 and 86400');
  return n;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function summary(r: AgentRunResult): string {
  const parts = [
    `${r.running} running`,
    `${r.started} started`,
    `${r.stopped} stopped`,
    `${r.sent} sent`,
    `${r.pending} pending`,
  ];
  if (r.sbomsUploaded.length > 0) parts.push(`${r.sbomsUploaded.length} SBOM(s) uploaded`);
  if (r.sbomsPending.length > 0) parts.push(`${r.sbomsPending.length} SBOM(s) pending`);
  return parts.join(', ');
}
