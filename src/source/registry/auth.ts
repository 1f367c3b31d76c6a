// Answers a registry's 401 challenge: Basic credentials, or the Bearer token flow (ask the challenge's realm for a
// token for service and scope, using Basic credentials when there are any, anonymously otherwise).
// Specs: RFC 9110 §11 (WWW-Authenticate), https://distribution.github.io/distribution/spec/auth/token/

import { InputError, messageOf } from '../../errors.js';
import { readBody, type HttpTransport } from './client.js';
import type { CredentialLookup } from './docker-config.js';

export interface AuthChallenge {
  /** Lowercased: `basic`, `bearer`. */
  scheme: string;
  /** Parameter names lowercased, values unquoted. */
  params: Record<string, string>;
}

const TOKEN_RESPONSE_LIMIT = 1024 * 1024;
const PARAM = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \t]*=[ \t]*/;

/** Parses a WWW-Authenticate value, which may hold several comma-separated challenges. */
export function parseAuthChallenges(header: string): AuthChallenge[] {
  const challenges: AuthChallenge[] = [];
  let rest = header;
  const skip = (pattern: RegExp): void => {
    rest = rest.replace(pattern, '');
  };
  for (;;) {
    skip(/^[\s,]+/);
    const scheme = /^[^\s,=]+/.exec(rest);
    if (!scheme) break;
    rest = rest.slice(scheme[0].length);
    const challenge: AuthChallenge = { scheme: scheme[0].toLowerCase(), params: {} };
    challenges.push(challenge);
    for (;;) {
      skip(/^[ \t]*/);
      const param = PARAM.exec(rest);
      if (!param) break; // the next challenge's scheme, or the end
      rest = rest.slice(param[0].length);
      challenge.params[param[1]!.toLowerCase()] = readParamValue();
      skip(/^[ \t]*/);
      if (!rest.startsWith(',')) break;
      rest = rest.slice(1);
    }
  }
  return challenges;

  function readParamValue(): string {
    if (!rest.startsWith('"')) {
      const token = /^[^\s,]*/.exec(rest)![0];
      rest = rest.slice(token.length);
      return token;
    }
    let value = '';
    let i = 1;
    for (; i < rest.length && rest[i] !== '"'; i++) {
      if (rest[i] === '\\' && i + 1 < rest.length) i++;
      value += rest[i];
    }
    rest = rest.slice(i + 1);
    return value;
  }
}

export interface AuthContext {
  transport: HttpTransport;
  /** `host[:port]` as references name it, for messages. */
  registry: string;
  repository: string;
  /** What the Docker config offered for this registry. */
  lookup: CredentialLookup;
}

/** Holds the Authorization a registry accepted and obtains a new one when the registry challenges. */
export class RegistryAuth {
  private authorization: string | undefined;

  constructor(private readonly ctx: AuthContext) {}

  /** Headers to send with the next request. */
  headers(): Record<string, string> {
    return this.authorization ? { Authorization: this.authorization } : {};
  }

  /**
   * Prepares an Authorization that answers `wwwAuthenticate` (the header of a 401). Throws InputError when the
   * challenge cannot be answered: no credentials for Basic, the token service refused, an unknown scheme.
   */
  async answer(wwwAuthenticate: string | undefined): Promise<void> {
    const challenges = parseAuthChallenges(wwwAuthenticate ?? '');
    const bearer = challenges.find((c) => c.scheme === 'bearer');
    if (bearer) {
      this.authorization = `Bearer ${await this.fetchToken(bearer.params)}`;
      return;
    }
    if (challenges.some((c) => c.scheme === 'basic')) {
      const basic = this.basicAuthorization();
      if (!basic) throw this.failure('the registry wants a username and password');
      this.authorization = basic;
      return;
    }
    throw this.failure(
      challenges.length === 0
        ? 'HTTP 401 without a WWW-Authenticate challenge'
        : `unsupported authentication scheme ${challenges.map((c) => c.scheme).join(', ')}`,
    );
  }

  /** The error for a request refused after authenticating: names the credentials used, or their absence. */
  failure(detail: string): InputError {
    const { registry, repository, lookup } = this.ctx;
    let hint: string;
    if (lookup.credentials) {
      hint = `the credentials of user "${lookup.credentials.username}" for ${registry} from ${lookup.configFile} were not accepted`;
    } else if (lookup.helper) {
      hint = `no credentials for ${registry} in ${lookup.configFile}: its credential helper "${lookup.helper}" is not run by seawall, so add an "auths" entry (docker login with no helper writes one)`;
    } else {
      hint = `no credentials for ${registry} in ${lookup.configFile}`;
    }
    return new InputError(
      this.ctx.transport.subject,
      `authentication failed for ${registry}/${repository} (${detail}); ${hint}`,
    );
  }

  private basicAuthorization(): string | undefined {
    const credentials = this.ctx.lookup.credentials;
    if (!credentials) return undefined;
    const pair = `${credentials.username}:${credentials.password}`;
    return `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
  }

  private async fetchToken(params: Record<string, string>): Promise<string> {
    const { transport, repository } = this.ctx;
    const subject = transport.subject;
    let realm: URL;
    try {
      realm = new URL(params.realm ?? '');
    } catch {
      throw new InputError(
        subject,
        `registry sent a Bearer challenge without a valid realm URL (${JSON.stringify(params.realm)})`,
      );
    }
    if (params.service) realm.searchParams.set('service', params.service);
    // Each scope travels as its own parameter, as Docker's client sends them.
    for (const scope of (params.scope ?? `repository:${repository}:pull`).split(' ')) {
      if (scope) realm.searchParams.append('scope', scope);
    }
    const basic = this.basicAuthorization();
    const response = await transport.get(realm, basic ? { Authorization: basic } : {});
    if (response.status === 401 || response.status === 403) {
      response.body.resume();
      throw this.failure(`token service ${realm.host} answered HTTP ${response.status}`);
    }
    if (response.status !== 200) {
      response.body.resume();
      throw new InputError(
        subject,
        `token service ${realm.origin}${realm.pathname} answered HTTP ${response.status}`,
      );
    }
    const body = await readBody(response, TOKEN_RESPONSE_LIMIT, subject);
    let doc: unknown;
    try {
      doc = JSON.parse(body.toString('utf8'));
    } catch (err) {
      throw new InputError(
        subject,
        `token service ${realm.host} sent invalid JSON (${messageOf(err)})`,
      );
    }
    // The spec names the field `token`; OAuth2-style services answer `access_token`, and some send both.
    const fields = (typeof doc === 'object' && doc !== null ? doc : {}) as Record<string, unknown>;
    const token = [fields.token, fields.access_token].find(
      (t) => typeof t === 'string' && t !== '',
    );
    if (typeof token !== 'string') {
      throw new InputError(subject, `token service ${realm.host} answered without a token`);
    }
    return token;
  }
}
