// A small Docker token service for tests: checks Basic credentials and issues RS256 JWTs that the distribution
// registry's `token` auth accepts. Spec: https://distribution.github.io/distribution/spec/auth/jwt/
// (claims iss, sub, aud, exp, nbf, iat, jti, access; the signing certificate travels in the `x5c` header).

import { createPrivateKey, randomUUID, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { makeSelfSignedCertificate } from './certificates.js';

export interface TokenServerOptions {
  /** Users and their passwords; a user may pull and push any repository. */
  users?: Record<string, string>;
  /** Repositories anyone may pull without credentials, as on a public Docker Hub repository. */
  publicRepositories?: string[];
}

export interface TokenServer {
  /** The URL registries send clients to (`auth.token.realm`). */
  realm: string;
  service: string;
  issuer: string;
  /** The signing certificate, for the registry's `auth.token.rootcertbundle`. */
  certFile: string;
  /** The response field carrying the token; tests may change it between requests. */
  field: 'token' | 'access_token';
  /** Every token request seen: who asked, for which scopes, and whether it was refused. */
  requests: { user?: string; scopes: string[]; refused: boolean }[];
  stop(): Promise<void>;
}

interface Access {
  type: string;
  name: string;
  actions: string[];
}

const TOKEN_LIFETIME_SECONDS = 300;

/** Starts the service on a free loopback port; its key and certificate are written into `dir`. */
export async function startTokenServer(
  dir: string,
  options: TokenServerOptions = {},
): Promise<TokenServer> {
  const { keyFile, certFile } = await makeSelfSignedCertificate(dir, 'seawall-test-token-signer');
  const key = createPrivateKey(readFileSync(keyFile));
  const certificateDer = new X509Certificate(readFileSync(certFile)).raw.toString('base64');
  const service = 'seawall-test-registry';
  const issuer = 'seawall-test-token-issuer';
  const requests: TokenServer['requests'] = [];
  // Filled in once the server listens; the request handler reads `field` from it.
  const self = { field: 'token', requests } as TokenServer;

  const server = createServer((req, res) => {
    try {
      answer(req, res);
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });

  function answer(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://token.invalid');
    const scopes = url.searchParams.getAll('scope');
    const user = basicUser(req.headers.authorization);
    if (user && options.users?.[user.name] !== user.password) {
      requests.push({ user: user.name, scopes, refused: true });
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ details: 'incorrect username or password' }));
      return;
    }
    requests.push({ user: user?.name, scopes, refused: false });
    const access = scopes.flatMap((scope) =>
      grant(scope, user !== undefined, options.publicRepositories ?? []),
    );
    const token = signToken(key, certificateDer, {
      iss: issuer,
      sub: user?.name ?? '',
      aud: url.searchParams.get('service') ?? service,
      access,
    });
    const now = new Date().toISOString();
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({
        [self.field]: token,
        expires_in: TOKEN_LIFETIME_SECONDS,
        issued_at: now,
      }),
    );
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  Object.assign(self, {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    issuer,
    certFile,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return self;
}

/** What a scope `repository:NAME:ACTIONS` is granted: everything for a user, pull of public repositories for anyone. */
function grant(scope: string, authenticated: boolean, publicRepositories: string[]): Access[] {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first < 0 || last === first) return [];
  const type = scope.slice(0, first);
  const name = scope.slice(first + 1, last);
  const requested = scope
    .slice(last + 1)
    .split(',')
    .filter(Boolean);
  if (type !== 'repository') return [];
  const actions = authenticated
    ? requested
    : publicRepositories.includes(name)
      ? requested.filter((a) => a === 'pull')
      : [];
  return actions.length > 0 ? [{ type, name, actions }] : [];
}

function signToken(
  key: KeyObject,
  certificateDer: string,
  claims: { iss: string; sub: string; aud: string; access: Access[] },
): string {
  const now = Math.floor(Date.now() / 1000);
  // The registry checks the x5c chain against its rootcertbundle; the certificate is self-signed, so it is the root.
  const header = { typ: 'JWT', alg: 'RS256', x5c: [certificateDer] };
  const body = {
    ...claims,
    exp: now + TOKEN_LIFETIME_SECONDS,
    nbf: now - 10,
    iat: now,
    jti: randomUUID(),
  };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(body))}`;
  const signature = sign('sha256', Buffer.from(signingInput), key).toString('base64url');
  return `${signingInput}.${signature}`;
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function basicUser(header: string | undefined): { name: string; password: string } | undefined {
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0
    ? undefined
    : { name: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
