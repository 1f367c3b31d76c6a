// Runs a real local registry for tests (Debian's `docker-registry`, the distribution v2 registry) on a free loopback
// port, and pushes images into it with skopeo. Config format: https://distribution.github.io/distribution/about/configuration/

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { Agent, request } from 'undici';
import { scratchDir } from './fixtures.js';
import { freePort } from './ports.js';

export { freePort };

const execFileAsync = promisify(execFile);

export interface StartRegistryOptions {
  /** Serve HTTPS with this certificate and key (PEM files). */
  tls?: { certFile: string; keyFile: string };
  /** Require HTTP Basic authentication with this one user (stored bcrypt-hashed, as the registry requires). */
  htpasswd?: { username: string; password: string };
  /** Require Bearer tokens from this token service, signed by a key whose certificate is `rootCertBundle`. */
  token?: { realm: string; service: string; issuer: string; rootCertBundle: string };
}

export interface TestRegistry {
  /** `127.0.0.1:PORT`, for references. */
  host: string;
  port: number;
  pid: number;
  /** Where the registry keeps blobs (tests may corrupt one). */
  storageDir: string;
  /** Stops the registry (SIGTERM, then SIGKILL) and removes its files; safe to call twice. */
  stop(): Promise<void>;
}

const REGISTRY_BINARY = '/usr/bin/docker-registry';
const START_TIMEOUT_MS = 15_000;
/** Registries still running in this process, killed on exit whatever happened to the test. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Starts a registry and waits until it answers /v2/. */
export async function startRegistry(options: StartRegistryOptions = {}): Promise<TestRegistry> {
  if (!existsSync(REGISTRY_BINARY)) {
    throw new Error(
      `${REGISTRY_BINARY} is missing: run scripts/setup-system.sh (Debian package docker-registry)`,
    );
  }
  // A free port found by binding port 0 can be taken by someone else before the registry binds it; try again then.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(options, await freePort());
    } catch (err) {
      lastError = err;
      if (!/address already in use/.test(String(err))) throw err;
    }
  }
  throw lastError;
}

async function startOnce(options: StartRegistryOptions, port: number): Promise<TestRegistry> {
  const work = scratchDir('registry');
  const storageDir = join(work.dir, 'storage');
  const configFile = join(work.dir, 'config.yml');
  const lines = [
    'version: 0.1',
    'log:',
    '  level: error',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${storageDir}`,
    'http:',
    `  addr: 127.0.0.1:${port}`,
  ];
  if (options.tls) {
    lines.push(
      '  tls:',
      `    certificate: ${options.tls.certFile}`,
      `    key: ${options.tls.keyFile}`,
    );
  }
  if (options.htpasswd && options.token) throw new Error('a registry takes one auth method');
  if (options.htpasswd) {
    const htpasswdFile = join(work.dir, 'htpasswd');
    const { username, password } = options.htpasswd;
    const { stdout } = await execFileAsync('htpasswd', ['-Bbn', username, password]);
    writeFileSync(htpasswdFile, stdout);
    lines.push('auth:', '  htpasswd:', '    realm: seawall-test', `    path: ${htpasswdFile}`);
  }
  if (options.token) {
    const t = options.token;
    lines.push(
      'auth:',
      '  token:',
      `    realm: ${t.realm}`,
      `    service: ${t.service}`,
      `    issuer: ${t.issuer}`,
      `    rootcertbundle: ${t.rootCertBundle}`,
    );
  }
  writeFileSync(configFile, lines.join('\n') + '\n');

  // setpriv makes the kernel kill the registry if this process dies without cleaning up (a crash, SIGKILL).
  const [command, args] = existsSync('/usr/bin/setpriv')
    ? ['/usr/bin/setpriv', ['--pdeathsig', 'KILL', REGISTRY_BINARY, 'serve', configFile]]
    : [REGISTRY_BINARY, ['serve', configFile]];
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  running.add(child);
  installExitHook();

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(killer);
    }
    running.delete(child);
    work.remove();
  };

  const scheme = options.tls ? 'https' : 'http';
  try {
    await waitUntilAnswering(`${scheme}://127.0.0.1:${port}/v2/`, child, () => stderr);
  } catch (err) {
    await stop();
    throw err;
  }
  return { host: `127.0.0.1:${port}`, port, pid: child.pid!, storageDir, stop };
}

async function waitUntilAnswering(
  url: string,
  child: ChildProcess,
  stderr: () => string,
): Promise<void> {
  const agent = new Agent({
    connect: { rejectUnauthorized: false, timeout: 1000 },
    headersTimeout: 2000,
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`docker-registry exited at start: ${stderr().trim()}`);
      }
      try {
        const response = await request(url, { dispatcher: agent });
        await response.body.dump();
        return; // any answer, 200 or 401, means it serves the API
      } catch {
        await sleep(50);
      }
    }
    throw new Error(
      `docker-registry did not answer ${url} within ${START_TIMEOUT_MS} ms: ${stderr().trim()}`,
    );
  } finally {
    await agent.destroy();
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

export { makeSelfSignedCertificate } from './certificates.js';

export interface PushOptions {
  /** `user:password` for the destination. */
  credentials?: string;
  /** Copy every image of an index (`skopeo copy --all`). */
  all?: boolean;
}

/**
 * Pushes `source` (a skopeo transport reference such as `oci:DIR:TAG`) to `host/repository:tag` without verifying
 * TLS, and returns the digest of the manifest (or index) pushed. Runs asynchronously so a token service in this
 * process can answer skopeo meanwhile.
 */
export async function pushImage(
  source: string,
  destination: string,
  options: PushOptions = {},
): Promise<string> {
  const work = scratchDir('push');
  try {
    const digestFile = join(work.dir, 'digest');
    const args = ['copy', '--quiet', '--dest-tls-verify=false', '--digestfile', digestFile];
    if (options.credentials) args.push('--dest-creds', options.credentials);
    if (options.all) args.push('--all');
    // An empty auth file keeps skopeo away from the credentials of whoever runs the tests.
    const authFile = join(work.dir, 'auth.json');
    writeFileSync(authFile, '{}');
    args.push('--authfile', authFile, source, `docker://${destination}`);
    await execFileAsync('skopeo', args, { timeout: 60_000 });
    return readFileSync(digestFile, 'utf8').trim();
  } finally {
    work.remove();
  }
}
