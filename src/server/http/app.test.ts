// The fleet API through Fastify's inject on a real store: the role table enforced on every route (SQLite, and
// PostgreSQL when a server can be started), reads answered from data written through the API and the store,
// validation and errors, rate limits, OpenAPI and the audit log.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { renderCycloneDx } from '../../sbom/cyclonedx.js';
import { renderScanJson } from '../../report/scan-json.js';
import { scratchDir } from '../../testing/fixtures.js';
import { dropDatabase, freshDatabase, postgresAvailable } from '../../testing/postgres.js';
import { sampleInventory } from '../../testing/sample-inventory.js';
import { sampleFindingsReport } from '../../testing/sample-scan-report.js';
import type { VulnDatabase } from '../../vulndb/database.js';
import { recordContainerEvents } from '../store/containers.js';
import { openStore } from '../store/open-store.js';
import { ROLES, type ContainerEvent, type FleetStore, type Role } from '../store/types.js';
import { buildServerApp } from './app.js';
import { ROUTE_ACCESS, type RouteKey } from './auth.js';
import {
  bearer,
  DIGESTS,
  methodOf,
  NOW,
  testContext,
  testVulnDb,
  tokensByRole,
  urlOf,
} from './api-test-kit.js';

const ROUTE_KEYS = Object.keys(ROUTE_ACCESS) as RouteKey[];
const WRITE_KEYS = ROUTE_KEYS.filter((k) => methodOf(k) !== 'GET');

interface Harness {
  app: FastifyInstance;
  store: FleetStore;
  tokens: Record<Role, string>;
  ctx: ReturnType<typeof testContext>;
  dir: string;
}

/** Opens a store, a context and an app for a describe block; the block's tests call `h()` for them. */
function harness(openFleetStore: (dir: string) => Promise<FleetStore>): () => Harness {
  let h: Harness | undefined;
  let vulnDb: VulnDatabase;
  let remove: () => void;
  before(async () => {
    const scratch = scratchDir('fleet-api');
    remove = scratch.remove;
    const store = await openFleetStore(scratch.dir);
    vulnDb = await testVulnDb(scratch.dir, 'vulndb');
    const ctx = testContext(store, vulnDb);
    const tokens = await tokensByRole(store);
    const app = await buildServerApp(ctx, { rateLimit: false });
    h = { app, store, tokens, ctx, dir: scratch.dir };
  });
  after(async () => {
    await h?.app.close();
    await h?.store.close();
    vulnDb?.close();
    remove?.();
  });
  return () => h!;
}

const sqliteStore = (dir: string) => openStore({ kind: 'sqlite', file: join(dir, 'fleet.db') });

/** Audit entries are written after the answer has gone out: wait for them to show. */
async function eventually<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail(`timed out waiting for ${what}`);
}

interface AuditItem {
  tokenId?: number;
  role?: string;
  method: string;
  path: string;
  status: number;
  summary: string;
}

async function auditLog(h: Harness): Promise<AuditItem[]> {
  const items: AuditItem[] = [];
  let after: string | undefined;
  for (;;) {
    const res = await h.app.inject({
      method: 'GET',
      url: '/v1/audit',
      query: { limit: '1000', ...(after ? { after } : {}) },
      headers: bearer(h.tokens.admin),
    });
    assert.equal(res.statusCode, 200, res.body);
    const page = res.json<{ items: AuditItem[]; next?: string }>();
    items.push(...page.items);
    if (!page.next) return items;
    after = page.next;
  }
}

/** Every route refuses a missing, malformed or unknown token (401) and every role the table leaves out (403). */
function authMatrix(h: () => Harness): void {
  for (const key of ROUTE_KEYS) {
    const access = ROUTE_ACCESS[key];
    const method = methodOf(key);
    const send = (headers: Record<string, string>) =>
      h().app.inject({
        method,
        url: urlOf(key),
        headers,
        ...(method === 'GET' ? {} : { payload: {} }),
      });
    if (access === 'public') {
      it(`${key} answers without a token`, async () => {
        const res = await send({});
        assert.equal(res.statusCode, 200);
        assert.deepEqual(res.json(), { status: 'ok' });
      });
      continue;
    }
    const refused = ROLES.filter((r) => !(access as readonly Role[]).includes(r));
    it(`${key}: 401 without a valid token, 403 for ${refused.join(', ') || 'no role'}`, async () => {
      const none = await send({});
      assert.equal(none.statusCode, 401);
      assert.equal(none.headers['www-authenticate'], 'Bearer realm="seawall"');
      assert.deepEqual(none.json(), { error: 'a bearer token is required' });

      // One the store could have issued, and one it never would.
      for (const token of [`sw_${'A'.repeat(43)}`, 'f'.repeat(64)]) {
        const unknown = await send(bearer(token));
        assert.equal(unknown.statusCode, 401);
        assert.match(String(unknown.headers['www-authenticate']), /error="invalid_token"/);
        assert.deepEqual(unknown.json(), { error: 'unknown token' });
      }

      const basic = await send({ authorization: `Basic ${h().tokens.admin}` });
      assert.equal(basic.statusCode, 401);
      assert.match(String(basic.headers['www-authenticate']), /error="invalid_request"/);

      for (const role of ROLES) {
        const res = await send(bearer(h().tokens[role]));
        if (refused.includes(role)) {
          assert.equal(res.statusCode, 403, `${role} on ${key}`);
          assert.match(res.json<{ error: string }>().error, new RegExp(`role ${role} may not`));
        } else {
          assert.ok(
            ![401, 403, 404].includes(res.statusCode) || key === 'GET /v1/images/:digest',
            `${role} on ${key}: ${res.statusCode} ${res.body}`,
          );
        }
      }
    });
  }

  it('audits every refused write with who tried it', async () => {
    const log = await eventually(async () => {
      const entries = await auditLog(h());
      // Each write route: four 401s, and a 403 per refused role.
      const expected = WRITE_KEYS.reduce(
        (n, k) =>
          n + 4 + ROLES.filter((r) => !(ROUTE_ACCESS[k] as readonly Role[]).includes(r)).length,
        0,
      );
      return entries.filter((e) => e.status === 401 || e.status === 403).length >= expected
        ? entries
        : undefined;
    }, 'the refused writes in the audit log');
    for (const key of WRITE_KEYS) {
      const path = urlOf(key);
      const forKey = log.filter((e) => e.path === path && e.method === methodOf(key));
      const anonymous = forKey.filter((e) => e.status === 401);
      assert.equal(anonymous.length, 4, key);
      for (const e of anonymous) {
        assert.equal(e.tokenId, undefined);
        assert.match(
          e.summary,
          /^refused: (a bearer token is required|unknown token|the Authorization header)/,
        );
      }
      for (const role of ROLES.filter((r) => !(ROUTE_ACCESS[key] as readonly Role[]).includes(r))) {
        const entry = forKey.find((e) => e.status === 403 && e.role === role);
        assert.ok(entry, `a 403 entry for ${role} on ${key}`);
        assert.equal(typeof entry.tokenId, 'number');
      }
    }
    // Reads are not audited.
    assert.equal(log.filter((e) => e.method === 'GET').length, 0);
  });

  it('answers 404 for unknown paths only to a caller with a token', async () => {
    const anonymous = await h().app.inject({ method: 'GET', url: '/v1/nothing' });
    assert.equal(anonymous.statusCode, 401);
    const known = await h().app.inject({
      method: 'GET',
      url: '/v1/nothing?x=1',
      headers: bearer(h().tokens.agent),
    });
    assert.equal(known.statusCode, 404);
    assert.deepEqual(known.json(), { error: 'no route GET /v1/nothing' });
  });
}

// Real-looking runs: times as agents send them (one with an offset), labels as runtimes set them.
const run = (
  host: string,
  id: string,
  image: { digest: string; name?: string },
  startedAt: string,
  labels: Record<string, string>,
  stoppedAt?: string,
): ContainerEvent => ({
  host,
  runtime: 'containerd',
  containerId: id,
  name: `${id}-name`,
  image: { digestKind: 'image', ...image },
  labels,
  startedAt,
  ...(stoppedAt ? { stoppedAt } : {}),
});

const AGENT_IMAGE = { digest: DIGESTS.agent, name: 'registry.example/ci/build-agent:1.0' };
const DEBIAN_IMAGE = { digest: DIGESTS.debian, name: 'docker.io/library/debian:12' };
const TOOL_IMAGE = { digest: DIGESTS.unscanned, name: 'quay.io/acme/tool:3' };

const NODE1_EVENTS = [
  run('node-1', 'c1', AGENT_IMAGE, '2024-05-30T08:00:00Z', { app: 'ci', team: 'build' }),
  run('node-1', 'c2', DEBIAN_IMAGE, '2024-05-29T08:00:00Z', { app: 'web' }, '2024-05-30T09:00:00Z'),
  // 08:00 UTC.
  run('node-1', 'c3', TOOL_IMAGE, '2024-05-31T10:00:00+02:00', { app: 'tool' }),
];

/** Writes through the API and the store, then every read: the same answers from either dialect. */
function reportAndRead(h: () => Harness): void {
  it('records a report and names the images it has no SBOM for', async () => {
    const res = await h().app.inject({
      method: 'POST',
      url: '/v1/agent/report',
      headers: bearer(h().tokens.agent),
      payload: {
        host: { name: 'node-1', labels: { zone: 'eu-1a' }, agent: 'seawall-agent/0.1.0' },
        events: NODE1_EVENTS,
      },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), {
      accepted: 3,
      unknownImages: [DIGESTS.agent, DIGESTS.debian, DIGESTS.unscanned].sort(),
    });
    // A second host, written straight into the store.
    await recordContainerEvents(h().store, [
      run('node-2', 'c4', AGENT_IMAGE, '2024-05-31T00:00:00.000Z', { app: 'ci' }),
    ]);
  });

  it('stores a scan report and matches its packages against the database', async () => {
    const res = await h().app.inject({
      method: 'PUT',
      url: `/v1/images/${DIGESTS.agent}/scan`,
      query: { name: AGENT_IMAGE.name },
      headers: { ...bearer(h().tokens.agent), 'content-type': 'application/json' },
      payload: renderScanJson(sampleFindingsReport()),
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<{ digest: string; packages: number; vulnerabilities: number }>();
    assert.equal(body.digest, DIGESTS.agent);
    assert.equal(body.packages, sampleFindingsReport().packages.length);
    // DSA-5343-1 (openssl, libssl1.1) and DSA-5380-1 (xorg-server): the only advisories of the test database.
    assert.equal(body.vulnerabilities, 2);
  });

  it('stores a CycloneDX SBOM sent as application/vnd.cyclonedx+json', async () => {
    const bom = renderCycloneDx(sampleInventory(), { toolVersion: '0.1.0' });
    const res = await h().app.inject({
      method: 'PUT',
      url: `/v1/images/${DIGESTS.debian}/sbom?kind=image`,
      headers: {
        ...bearer(h().tokens.admin),
        'content-type': 'application/vnd.cyclonedx+json; version=1.6',
      },
      payload: bom,
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<{ digest: string; packages: number; vulnerabilities: number }>();
    assert.equal(body.digest, DIGESTS.debian);
    assert.equal(body.packages, sampleInventory().packages.length);
    assert.equal(body.vulnerabilities, 0);
  });

  it('no longer asks for images it has', async () => {
    const res = await h().app.inject({
      method: 'POST',
      url: '/v1/agent/report',
      headers: bearer(h().tokens.agent),
      payload: { host: { name: 'node-1', labels: { zone: 'eu-1a' } }, events: NODE1_EVENTS },
    });
    assert.deepEqual(res.json(), { accepted: 3, unknownImages: [DIGESTS.unscanned] });
  });

  const get = async <T>(url: string, role: Role = 'viewer'): Promise<T> => {
    const res = await h().app.inject({ method: 'GET', url, headers: bearer(h().tokens[role]) });
    assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
    return res.json<T>();
  };

  it('lists hosts with their labels, agent and running containers', async () => {
    const hosts = await get<Array<Record<string, unknown>>>('/v1/hosts');
    assert.deepEqual(
      hosts.map((x) => [x.name, x.labels, x.agent, x.runningContainers, x.lastSeen]),
      [
        ['node-1', { zone: 'eu-1a' }, 'seawall-agent/0.1.0', 2, NOW.toISOString()],
        ['node-2', {}, undefined, 1, '2024-05-31T00:00:00.000Z'],
      ],
    );
  });

  it('filters containers by state, host, image, labels and time, page by page', async () => {
    type Page = { items: Array<{ containerId: string; startedAt: string }>; next?: string };
    const ids = (p: Page) => p.items.map((c) => c.containerId);
    const running = await get<Page>('/v1/containers');
    assert.deepEqual(ids(running), ['c3', 'c4', 'c1']);
    // The offset time was stored in UTC.
    assert.equal(running.items[0]!.startedAt, '2024-05-31T08:00:00.000Z');
    assert.deepEqual(ids(await get<Page>('/v1/containers?state=stopped')), ['c2']);
    assert.deepEqual(ids(await get<Page>(`/v1/containers?image=${DIGESTS.agent}`)), ['c4', 'c1']);
    assert.deepEqual(ids(await get<Page>('/v1/containers?label=app=ci&label=team=build')), ['c1']);
    assert.deepEqual(
      ids(await get<Page>('/v1/containers?state=all&until=2024-05-30T00:00:00%2B00:00')),
      ['c2'],
    );
    const first = await get<Page>('/v1/containers?state=all&host=node-1&limit=2');
    assert.deepEqual(ids(first), ['c3', 'c1']);
    assert.ok(first.next);
    const second = await get<Page>(
      `/v1/containers?state=all&host=node-1&limit=2&after=${first.next}`,
    );
    assert.deepEqual(ids(second), ['c2']);
    assert.equal(second.next, undefined);
  });

  it('lists images, and the unscanned ones', async () => {
    type Page = { items: Array<{ digest: string; name?: string; registry?: string }> };
    const all = await get<Page>('/v1/images');
    assert.deepEqual(
      all.items.map((i) => i.digest).sort(),
      [DIGESTS.agent, DIGESTS.debian, DIGESTS.unscanned].sort(),
    );
    const unscanned = await get<Page>('/v1/images?unscanned=true');
    assert.deepEqual(
      unscanned.items.map((i) => [i.digest, i.name]),
      [[DIGESTS.unscanned, TOOL_IMAGE.name]],
    );
    assert.deepEqual(await get('/v1/reports/unscanned'), unscanned);
  });

  it("shows an image's packages, vulnerabilities and findings", async () => {
    const detail = await get<{
      digest: string;
      os?: string;
      packages: Array<{ name: string }>;
      vulnerabilities: Array<{ id: string; package: { name: string }; fixedVersion?: string }>;
      findings: Array<{ ruleId: string }>;
    }>(`/v1/images/${DIGESTS.agent}`);
    assert.equal(detail.digest, DIGESTS.agent);
    assert.equal(detail.os, 'debian 11');
    assert.ok(detail.packages.some((p) => p.name === 'openssl'));
    const openssl = detail.vulnerabilities.find(
      (v) => v.id === 'DSA-5343-1' && v.package.name === 'openssl',
    );
    assert.equal(openssl?.fixedVersion, '1.1.1n-0+deb11u4');
    assert.deepEqual([...new Set(detail.vulnerabilities.map((v) => v.id))].sort(), [
      'DSA-5343-1',
      'DSA-5380-1',
    ]);
    assert.deepEqual(detail.findings.map((f) => f.ruleId).sort(), [
      'SW-DF-001',
      'SW-DF-002',
      'SW-IMG-001',
      'SW-SEC-001',
    ]);
    const missing = await h().app.inject({
      method: 'GET',
      url: `/v1/images/sha256:${'0'.repeat(64)}`,
      headers: bearer(h().tokens.viewer),
    });
    assert.equal(missing.statusCode, 404);
    assert.deepEqual(missing.json(), { error: `no image sha256:${'0'.repeat(64)}` });
  });

  it('answers a CVE: the images that have it and where they run now', async () => {
    const impact = await get<{
      query: string;
      vulnerabilities: Array<{ id: string }>;
      images: Array<{ digest: string; packages: Array<{ name: string }> }>;
      hosts: Array<{
        host: string;
        runningContainers: number;
        containers: Array<{ containerId: string }>;
      }>;
      totals: { images: number; runningContainers: number; hosts: number };
    }>('/v1/vulnerabilities/CVE-2023-0286/impact');
    assert.equal(impact.query, 'CVE-2023-0286');
    assert.deepEqual(
      impact.vulnerabilities.map((v) => v.id),
      ['DSA-5343-1'],
    );
    assert.deepEqual(
      impact.images.map((i) => i.digest),
      [DIGESTS.agent],
    );
    assert.deepEqual(impact.images[0]!.packages.map((p) => p.name).sort(), [
      'libssl1.1',
      'openssl',
    ]);
    assert.deepEqual(
      impact.hosts.map((x) => [
        x.host,
        x.runningContainers,
        x.containers.map((c) => c.containerId),
      ]),
      [
        ['node-1', 1, ['c1']],
        ['node-2', 1, ['c4']],
      ],
    );
    assert.deepEqual(impact.totals, { images: 1, runningContainers: 2, hosts: 2 });
  });

  it('reports licences, fix age and registries', async () => {
    const licenses =
      await get<Array<{ license: string; packages: number; images: number }>>('/v1/licenses');
    const gpl3 = licenses.find((l) => l.license === 'GPL-3.0-or-later');
    assert.ok(gpl3 && gpl3.packages >= 1 && gpl3.images >= 1, JSON.stringify(licenses));

    const fixAge = await get<
      Array<{ digest: string; missingFixes: number; oldestFixPublished?: string }>
    >('/v1/reports/fix-age?limit=10');
    const agent = fixAge.find((r) => r.digest === DIGESTS.agent);
    assert.ok(agent, JSON.stringify(fixAge));
    assert.ok(agent.missingFixes >= 2);
    assert.match(agent.oldestFixPublished ?? '', /^2023-02-07/);

    type Row = { digest: string };
    const outside = await get<Row[]>('/v1/reports/registries');
    assert.deepEqual(
      outside.map((r) => r.digest).sort(),
      [DIGESTS.debian, DIGESTS.unscanned].sort(),
    );
    const onlyRegistryExample = await get<Row[]>(
      '/v1/reports/registries?allow=docker.io,%20quay.io',
    );
    assert.deepEqual(
      onlyRegistryExample.map((r) => r.digest),
      [DIGESTS.agent],
    );
  });

  it('re-matches after a database update and raises alerts for running images', async () => {
    assert.deepEqual(await get('/v1/alerts'), []);
    h().ctx.useVulnDb(await testVulnDb(h().dir, 'vulndb-later', true));
    const res = await h().app.inject({
      method: 'POST',
      url: '/v1/rematch',
      headers: bearer(h().tokens.admin),
    });
    assert.equal(res.statusCode, 200, res.body);
    const result = res.json<{ added: number; alerts: number }>();
    assert.ok(result.added >= 1);
    assert.equal(result.alerts, 1);
    const alerts = await get<
      Array<{
        id: number;
        vulnerability: string;
        image: { digest: string };
        runningContainers: number;
      }>
    >('/v1/alerts');
    assert.deepEqual(
      alerts.map((a) => [a.vulnerability, a.image.digest, a.runningContainers]),
      [['PYSEC-2023-74', DIGESTS.agent, 2]],
    );
    assert.deepEqual(await get(`/v1/alerts?after=${alerts[0]!.id}`), []);
  });

  it('issues tokens that work at once, and never lists them', async () => {
    const res = await h().app.inject({
      method: 'POST',
      url: '/v1/tokens',
      headers: bearer(h().tokens.admin),
      payload: { role: 'viewer', name: 'dashboard' },
    });
    assert.equal(res.statusCode, 201, res.body);
    const created = res.json<{ id: number; token: string; role: string; name: string }>();
    assert.equal(created.role, 'viewer');
    assert.equal(created.name, 'dashboard');
    assert.ok(created.token.length >= 32);
    const hosts = await h().app.inject({
      method: 'GET',
      url: '/v1/hosts',
      headers: bearer(created.token),
    });
    assert.equal(hosts.statusCode, 200);
    const list = await h().app.inject({
      method: 'GET',
      url: '/v1/tokens',
      headers: bearer(h().tokens.admin),
    });
    assert.equal(list.statusCode, 200);
    const tokens = list.json<Array<{ id: number; name: string; role: string }>>();
    assert.ok(tokens.some((t) => t.id === created.id && t.name === 'dashboard'));
    assert.ok(!list.body.includes(created.token));
    for (const token of Object.values(h().tokens)) assert.ok(!list.body.includes(token));
    assert.ok(!/"(token|hash)"/.test(list.body));
  });

  it('audits each write with its token, role and a summary', async () => {
    const log = await eventually(async () => {
      const entries = await auditLog(h());
      return entries.some((e) => e.path === '/v1/tokens' && e.status === 201) ? entries : undefined;
    }, 'the token write in the audit log');
    const ok = log.filter((e) => e.status < 400);
    const summaries = ok.map((e) => [e.method, e.path, e.role, e.summary]);
    for (const expected of [
      ['POST', '/v1/agent/report', 'agent', '3 events from node-1'],
      ['PUT', `/v1/images/${DIGESTS.agent}/scan`, 'agent', undefined],
      ['PUT', `/v1/images/${DIGESTS.debian}/sbom`, 'admin', `sbom ${DIGESTS.debian} (`],
      ['POST', '/v1/rematch', 'admin', 'rematch of '],
      ['POST', '/v1/tokens', 'admin', 'token '],
    ] as const) {
      assert.ok(
        summaries.some(
          ([m, p, r, s]) =>
            m === expected[0] &&
            p === expected[1] &&
            r === expected[2] &&
            (expected[3] === undefined || (s ?? '').startsWith(expected[3])),
        ),
        `${expected.join(' ')} in ${JSON.stringify(summaries)}`,
      );
    }
    assert.ok(ok.every((e) => typeof e.tokenId === 'number'));
    // The token itself never reaches the log.
    assert.ok(!JSON.stringify(log).includes(h().tokens.admin));
  });
}

describe('fleet API on SQLite', () => {
  const h = harness(sqliteStore);

  describe('roles', () => authMatrix(h));

  describe('agents report, users read', () => reportAndRead(h));

  describe('validation', () => {
    const send = (
      method: 'POST' | 'PUT' | 'GET',
      url: string,
      payload?: unknown,
      contentType = 'application/json',
    ) =>
      h().app.inject({
        method,
        url,
        headers: {
          ...bearer(h().tokens.admin),
          ...(payload === undefined ? {} : { 'content-type': contentType }),
        },
        ...(payload === undefined
          ? {}
          : { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
      });
    const event = NODE1_EVENTS[0]!;
    const report = (events: unknown[]) => ({ host: { name: 'node-9', labels: {} }, events });

    for (const [what, method, url, payload, status, pattern] of [
      [
        'more than 5000 events',
        'POST',
        '/v1/agent/report',
        report(Array.from({ length: 5001 }, () => event)),
        400,
        /^body\/events must NOT have more than 5000 items$/,
      ],
      [
        'a malformed image digest in an event',
        'POST',
        '/v1/agent/report',
        report([{ ...event, image: { ...event.image, digest: 'sha256:ABC' } }]),
        400,
        /^body\/events\/0\/image\/digest must match pattern/,
      ],
      [
        'a report without its host',
        'POST',
        '/v1/agent/report',
        { events: [] },
        400,
        /^body must have required property 'host'$/,
      ],
      [
        'a start time that is not a time',
        'POST',
        '/v1/agent/report',
        report([{ ...event, startedAt: 'yesterday' }]),
        400,
        /^body\/events\/0\/startedAt must match format "date-time"$/,
      ],
      [
        'a stop before the start',
        'POST',
        '/v1/agent/report',
        report([{ ...event, stoppedAt: '2024-05-30T07:00:00Z' }]),
        400,
        /^events\[0\]: stoppedAt is before startedAt$/,
      ],
      [
        'an unknown property',
        'POST',
        '/v1/agent/report',
        { ...report([]), extra: 1 },
        400,
        /^body must NOT have additional properties$/,
      ],
      [
        'a digest in the path that is not sha256',
        'PUT',
        '/v1/images/md5:abc/sbom',
        { bomFormat: 'CycloneDX', specVersion: '1.6' },
        400,
        /^params\/digest must match pattern "\^sha256:\[0-9a-f\]\{64\}\$"$/,
      ],
      [
        'a body that is not a CycloneDX BOM',
        'PUT',
        `/v1/images/${DIGESTS.unscanned}/sbom`,
        { spdxVersion: 'SPDX-2.3' },
        400,
        /^body must have required property 'bomFormat'$/,
      ],
      [
        'a scan report of another schema version',
        'PUT',
        `/v1/images/${DIGESTS.unscanned}/scan`,
        { schemaVersion: 2, packages: [] },
        400,
        /^body\/schemaVersion must be equal to constant$/,
      ],
      [
        'a scan report whose package lacks its purl',
        'PUT',
        `/v1/images/${DIGESTS.unscanned}/scan`,
        { schemaVersion: 1, packages: [{ type: 'deb', name: 'x', version: '1' }] },
        400,
        /packages\[0\]: a package needs type, name, version and purl$/,
      ],
      [
        'an unknown digest kind',
        'PUT',
        `/v1/images/${DIGESTS.unscanned}/sbom?kind=layer`,
        { bomFormat: 'CycloneDX', specVersion: '1.6' },
        400,
        /^querystring\/kind must be equal to one of the allowed values$/,
      ],
      ['broken JSON', 'POST', '/v1/agent/report', '{"host": ', 400, /JSON/],
      [
        'a token of an unknown role',
        'POST',
        '/v1/tokens',
        { role: 'root', name: 'x' },
        400,
        /^body\/role must be equal to one of the allowed values$/,
      ],
      [
        'a misspelt query parameter',
        'GET',
        '/v1/containers?stat=all',
        undefined,
        400,
        /additional properties/,
      ],
      ['a state that does not exist', 'GET', '/v1/containers?state=gone', undefined, 400, /state/],
      [
        'a label without =',
        'GET',
        '/v1/containers?label=app',
        undefined,
        400,
        /label\/0 must match pattern/,
      ],
      [
        'a page too large',
        'GET',
        '/v1/images?limit=100000',
        undefined,
        400,
        /limit must be <= 1000/,
      ],
      [
        'a cursor not from a page',
        'GET',
        '/v1/containers?after=nonsense',
        undefined,
        400,
        /cursor/,
      ],
      [
        'since after until',
        'GET',
        '/v1/containers?since=2024-02-01T00:00:00Z&until=2024-01-01T00:00:00Z',
        undefined,
        400,
        /^since: is after until$/,
      ],
      [
        'a vulnerability id with a slash',
        'GET',
        '/v1/vulnerabilities/..%2Fetc/impact',
        undefined,
        400,
        /params\/id/,
      ],
    ] as const) {
      it(`answers ${status} with one message for ${what}`, async () => {
        const res = await send(method, url, payload);
        assert.equal(res.statusCode, status, res.body);
        const body = res.json<Record<string, unknown>>();
        assert.deepEqual(Object.keys(body), ['error']);
        assert.match(String(body.error), pattern);
        assert.doesNotMatch(res.body, /\n\s+at |node_modules/);
      });
    }

    it('refuses an SBOM sent as another content type (415)', async () => {
      const res = await send(
        'PUT',
        `/v1/images/${DIGESTS.unscanned}/sbom`,
        '<bom/>',
        'application/xml',
      );
      assert.equal(res.statusCode, 415);
      assert.deepEqual(Object.keys(res.json()), ['error']);
    });

    it('refuses a body over the limit (413), and reads a larger SBOM whole', async () => {
      const big = await send('POST', '/v1/tokens', {
        role: 'viewer',
        name: 'x'.repeat(2 * 1024 * 1024),
      });
      assert.equal(big.statusCode, 413);
      assert.deepEqual(Object.keys(big.json()), ['error']);
      // 3 MiB: over the default limit, well under the SBOM one, so the body is read whole and then validated.
      const large = await send('PUT', `/v1/images/${DIGESTS.unscanned}/sbom`, {
        bomFormat: 'SPDX',
        specVersion: '1.6',
        metadata: { padding: 'x'.repeat(3 * 1024 * 1024) },
      });
      assert.equal(large.statusCode, 400, large.body);
      assert.deepEqual(large.json(), { error: 'body/bomFormat must be equal to constant' });
    });
  });

  describe('OpenAPI', () => {
    it('describes every route of the role table, and nothing else', async () => {
      const anonymous = await h().app.inject({ method: 'GET', url: '/openapi.json' });
      assert.equal(anonymous.statusCode, 401);
      const res = await h().app.inject({
        method: 'GET',
        url: '/openapi.json',
        headers: bearer(h().tokens.agent),
      });
      assert.equal(res.statusCode, 200);
      const doc = res.json<{
        openapi: string;
        paths: Record<string, Record<string, { security?: unknown[]; description?: string }>>;
        components: { securitySchemes: Record<string, unknown> };
      }>();
      assert.match(doc.openapi, /^3\./);
      assert.deepEqual(doc.components.securitySchemes.bearer, { type: 'http', scheme: 'bearer' });
      const listed = Object.entries(doc.paths)
        .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
        .sort();
      const table = ROUTE_KEYS.map((k) => k.replace(/:(\w+)/g, '{$1}')).sort();
      assert.deepEqual(listed, table);
      assert.deepEqual(doc.paths['/healthz']!.get!.security, []);
      assert.equal(doc.paths['/v1/rematch']!.post!.description, 'Roles: admin.');
      const sbom = doc.paths['/v1/images/{digest}/sbom']!.put as unknown as {
        parameters: Array<{ name: string; in: string }>;
        requestBody: { content: Record<string, unknown> };
      };
      assert.deepEqual(sbom.parameters.map((p) => `${p.in}:${p.name}`).sort(), [
        'path:digest',
        'query:kind',
        'query:name',
      ]);
      assert.deepEqual(Object.keys(sbom.requestBody.content).sort(), [
        'application/json',
        'application/vnd.cyclonedx+json',
      ]);
    });
  });

  describe('failures', () => {
    it('answers an unexpected failure with a bare 500', async () => {
      const broken = await buildServerApp(
        {
          ...h().ctx,
          vulnDb: () => {
            throw new Error('cannot map /var/lib/secret/vulndb.db');
          },
        },
        { rateLimit: false },
      );
      try {
        const res = await broken.inject({
          method: 'POST',
          url: '/v1/rematch',
          headers: bearer(h().tokens.admin),
        });
        assert.equal(res.statusCode, 500);
        assert.deepEqual(res.json(), { error: 'internal error' });
      } finally {
        await broken.close();
      }
    });
  });

  describe('rate limits', () => {
    let limited: FastifyInstance;
    before(async () => {
      limited = await buildServerApp(h().ctx, {
        rateLimit: { max: 3, agentMax: 5, windowMs: 60_000 },
      });
    });
    after(() => limited.close());

    const hit = (headers: Record<string, string>, url = '/v1/hosts') =>
      limited.inject({ method: 'GET', url, headers });

    it('counts per token, more for agents, and answers 429 with Retry-After', async () => {
      for (let i = 0; i < 3; i++)
        assert.equal((await hit(bearer(h().tokens.viewer))).statusCode, 200);
      const over = await hit(bearer(h().tokens.viewer));
      assert.equal(over.statusCode, 429);
      const retryAfter = Number(over.headers['retry-after']);
      assert.ok(retryAfter > 0 && retryAfter <= 60, String(over.headers['retry-after']));
      assert.match(over.json<{ error: string }>().error, /^rate limit exceeded, retry in /);
      // Another token has its own allowance.
      assert.equal((await hit(bearer(h().tokens.admin))).statusCode, 200);
      // Agents get more (their reads are refused, but counted).
      const agent = [];
      for (let i = 0; i < 6; i++) agent.push((await hit(bearer(h().tokens.agent))).statusCode);
      assert.deepEqual(agent, [403, 403, 403, 403, 403, 429]);
    });

    it('counts callers without a known token by address, and audits refused writes', async () => {
      const statuses = [];
      for (let i = 0; i < 4; i++)
        statuses.push(
          (
            await limited.inject({
              method: 'POST',
              url: '/v1/agent/report',
              headers: bearer(`guess-${i}`),
              payload: {},
            })
          ).statusCode,
        );
      assert.deepEqual(statuses, [401, 401, 401, 429]);
      const log = await eventually(async () => {
        const entries = await auditLog(h());
        return entries.some((e) => e.status === 429) ? entries : undefined;
      }, 'the 429 in the audit log');
      const entry = log.find((e) => e.status === 429)!;
      assert.equal(entry.path, '/v1/agent/report');
      assert.match(entry.summary, /^refused: rate limit exceeded/);
    });
  });
});

describe(
  'fleet API on PostgreSQL',
  { skip: postgresAvailable() ? false : 'no PostgreSQL server here' },
  () => {
    let url: string | undefined;
    const h = harness(async () => {
      url = await freshDatabase();
      return openStore({ kind: 'postgres', url });
    });
    after(async () => {
      if (url) await dropDatabase(url);
    });

    describe('roles', () => authMatrix(h));

    describe('agents report, users read', () => reportAndRead(h));
  },
);
