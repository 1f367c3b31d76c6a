// JSON Schemas (draft-07, as Fastify's Ajv validates and @fastify/swagger turns into OpenAPI 3) of every body, query,
// path parameter and answer of the fleet API; the shapes are those of src/server/store/types.ts.

/** How digests are written everywhere: the OCI image spec's sha256 form (https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests). */
export const DIGEST_PATTERN = '^sha256:[0-9a-f]{64}$';

/** The most events one report may carry: an agent batches, and a batch is one transaction. */
export const MAX_EVENTS_PER_REPORT = 5000;

/** The largest page a list answers with. */
export const MAX_PAGE = 1000;

export const digest = { type: 'string', pattern: DIGEST_PATTERN } as const;
const isoTime = { type: 'string', format: 'date-time', maxLength: 64 } as const;
const shortText = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;
const labels = {
  type: 'object',
  additionalProperties: { type: 'string', maxLength: 4096 },
  maxProperties: 512,
} as const;
const stringList = { type: 'array', items: { type: 'string' } } as const;
const limit = { type: 'integer', minimum: 1, maximum: MAX_PAGE } as const;
const cursor = { type: 'string', minLength: 1, maxLength: 512 } as const;

export const errorAnswer = {
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'string' } },
} as const;

// Inputs ----------------------------------------------------------------------------------------------------------

export const digestParams = {
  type: 'object',
  required: ['digest'],
  properties: { digest },
  additionalProperties: false,
} as const;

/** Vulnerability ids as feeds write them: CVE-2024-3094, GHSA-xxxx-xxxx-xxxx, DSA-5678-1, PYSEC-2023-74, TEMP-0000000-E8E2A8. */
export const vulnerabilityParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._:+-]{0,127}$' } },
  additionalProperties: false,
} as const;

const imageRef = {
  type: 'object',
  required: ['digest', 'digestKind'],
  additionalProperties: false,
  properties: {
    digest,
    digestKind: { type: 'string', enum: ['image', 'rootfs'] },
    name: shortText(512),
  },
} as const;

export const containerEvent = {
  type: 'object',
  required: ['host', 'runtime', 'containerId', 'image', 'labels', 'startedAt'],
  additionalProperties: false,
  properties: {
    host: shortText(253),
    runtime: shortText(64),
    containerId: shortText(256),
    name: shortText(512),
    image: imageRef,
    labels,
    startedAt: isoTime,
    stoppedAt: isoTime,
  },
} as const;

export const agentReportBody = {
  type: 'object',
  required: ['host', 'events'],
  additionalProperties: false,
  properties: {
    host: {
      type: 'object',
      required: ['name', 'labels'],
      additionalProperties: false,
      properties: { name: shortText(253), labels, agent: shortText(128) },
    },
    events: { type: 'array', maxItems: MAX_EVENTS_PER_REPORT, items: containerEvent },
  },
} as const;

export const imageUploadQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: ['image', 'rootfs'], default: 'image' },
    name: shortText(512),
  },
} as const;

/** Only what tells a CycloneDX JSON BOM apart: the reader checks the rest (https://cyclonedx.org/docs/1.6/json/). */
export const cycloneDxBody = {
  type: 'object',
  required: ['bomFormat', 'specVersion'],
  properties: {
    bomFormat: { type: 'string', const: 'CycloneDX' },
    specVersion: { type: 'string' },
    components: { type: 'array' },
  },
} as const;

/** A `seawall scan -f json` report (docs/scan-json.md): the ingester reads packages and findings. */
export const scanReportBody = {
  type: 'object',
  required: ['schemaVersion', 'packages'],
  properties: {
    schemaVersion: { type: 'integer', const: 1 },
    packages: { type: 'array', items: { type: 'object' } },
    findings: { type: 'array', items: { type: 'object' } },
  },
} as const;

export const containersQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    host: shortText(253),
    image: digest,
    label: {
      type: 'array',
      maxItems: 32,
      items: { type: 'string', pattern: '^[^=]+=.*$', maxLength: 4096 },
      description: 'key=value; repeat for several, all of which must match',
    },
    state: { type: 'string', enum: ['running', 'stopped', 'all'], default: 'running' },
    since: isoTime,
    until: isoTime,
    limit,
    after: cursor,
  },
} as const;

export const imagesQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { unscanned: { type: 'boolean' }, limit, after: cursor },
} as const;

export const pageQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { limit, after: cursor },
} as const;

export const limitQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { limit },
} as const;

/** How many affected images and running containers the answer lists (the totals and per-host counts are always whole). */
export const impactQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { imageLimit: limit, containerLimit: limit },
} as const;

export const registriesQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    allow: {
      type: 'string',
      maxLength: 4096,
      description: 'comma-separated registry hosts (default: the server --registry-allow list)',
    },
  },
} as const;

export const alertsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { after: { type: 'integer', minimum: 0 }, limit },
} as const;

export const tokenBody = {
  type: 'object',
  required: ['role', 'name'],
  additionalProperties: false,
  properties: {
    role: { type: 'string', enum: ['admin', 'agent', 'viewer'] },
    name: shortText(128),
  },
} as const;

// Answers ---------------------------------------------------------------------------------------------------------

const pageOf = (item: object) =>
  ({
    type: 'object',
    required: ['items'],
    properties: { items: { type: 'array', items: item }, next: { type: 'string' } },
  }) as const;

export const eventBatchAnswer = {
  type: 'object',
  required: ['accepted', 'unknownImages'],
  properties: { accepted: { type: 'integer' }, unknownImages: stringList },
} as const;

export const ingestAnswer = {
  type: 'object',
  required: ['digest', 'packages', 'vulnerabilities'],
  properties: {
    digest: { type: 'string' },
    packages: { type: 'integer' },
    vulnerabilities: { type: 'integer' },
  },
} as const;

const hostRow = {
  type: 'object',
  required: ['name', 'labels', 'firstSeen', 'lastSeen', 'runningContainers'],
  properties: {
    name: { type: 'string' },
    labels,
    firstSeen: { type: 'string' },
    lastSeen: { type: 'string' },
    agent: { type: 'string' },
    runningContainers: { type: 'integer' },
  },
} as const;

export const hostsAnswer = { type: 'array', items: hostRow } as const;

const containerRow = {
  type: 'object',
  required: ['host', 'runtime', 'containerId', 'image', 'labels', 'startedAt'],
  properties: {
    host: { type: 'string' },
    runtime: { type: 'string' },
    containerId: { type: 'string' },
    name: { type: 'string' },
    image: {
      type: 'object',
      required: ['digest'],
      properties: { digest: { type: 'string' }, name: { type: 'string' } },
    },
    labels,
    startedAt: { type: 'string' },
    stoppedAt: { type: 'string' },
  },
} as const;

export const containersAnswer = pageOf(containerRow);

const imageSummaryProperties = {
  digest: { type: 'string' },
  digestKind: { type: 'string' },
  name: { type: 'string' },
  registry: { type: 'string' },
  os: { type: 'string' },
  firstSeen: { type: 'string' },
  scannedAt: { type: 'string' },
  packageCount: { type: 'integer' },
  runningContainers: { type: 'integer' },
} as const;
const imageSummaryRequired = [
  'digest',
  'digestKind',
  'firstSeen',
  'packageCount',
  'runningContainers',
] as const;

const imageSummary = {
  type: 'object',
  required: imageSummaryRequired,
  properties: imageSummaryProperties,
} as const;

export const imagesAnswer = pageOf(imageSummary);

const vulnerabilityRefProperties = {
  id: { type: 'string' },
  aliases: stringList,
  severity: { type: 'string' },
  title: { type: 'string' },
  published: { type: 'string' },
} as const;

export const imageDetailAnswer = {
  type: 'object',
  required: [...imageSummaryRequired, 'packages', 'vulnerabilities', 'findings'],
  properties: {
    ...imageSummaryProperties,
    packages: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'version', 'type', 'purl', 'licenses'],
        properties: {
          name: { type: 'string' },
          version: { type: 'string' },
          type: { type: 'string' },
          purl: { type: 'string' },
          ecosystem: { type: 'string' },
          licenses: stringList,
        },
      },
    },
    vulnerabilities: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'aliases', 'severity', 'package', 'status'],
        properties: {
          ...vulnerabilityRefProperties,
          package: {
            type: 'object',
            required: ['name', 'version', 'purl'],
            properties: {
              name: { type: 'string' },
              version: { type: 'string' },
              purl: { type: 'string' },
            },
          },
          status: { type: 'string' },
          fixedVersion: { type: 'string' },
        },
      },
    },
    findings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['ruleId', 'severity', 'title'],
        properties: {
          ruleId: { type: 'string' },
          severity: { type: 'string' },
          title: { type: 'string' },
          location: {},
        },
      },
    },
  },
} as const;

export const impactAnswer = {
  type: 'object',
  required: ['query', 'vulnerabilities', 'images', 'hosts', 'totals'],
  properties: {
    query: { type: 'string' },
    vulnerabilities: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'aliases', 'severity'],
        properties: vulnerabilityRefProperties,
      },
    },
    images: {
      type: 'array',
      items: {
        type: 'object',
        required: ['digest', 'packages', 'runningContainers'],
        properties: {
          digest: { type: 'string' },
          name: { type: 'string' },
          packages: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name', 'version', 'purl', 'status'],
              properties: {
                name: { type: 'string' },
                version: { type: 'string' },
                purl: { type: 'string' },
                status: { type: 'string' },
                fixedVersion: { type: 'string' },
              },
            },
          },
          runningContainers: { type: 'integer' },
        },
      },
    },
    hosts: {
      type: 'array',
      items: {
        type: 'object',
        required: ['host', 'runningContainers', 'containers'],
        properties: {
          host: { type: 'string' },
          /** Every running container of an affected image on the host; `containers` lists a sample of them. */
          runningContainers: { type: 'integer' },
          containers: {
            type: 'array',
            items: {
              type: 'object',
              required: ['runtime', 'containerId', 'image', 'startedAt'],
              properties: {
                runtime: { type: 'string' },
                containerId: { type: 'string' },
                name: { type: 'string' },
                image: { type: 'string' },
                startedAt: { type: 'string' },
              },
            },
          },
        },
      },
    },
    totals: {
      type: 'object',
      required: ['images', 'runningContainers', 'hosts'],
      properties: {
        images: { type: 'integer' },
        runningContainers: { type: 'integer' },
        hosts: { type: 'integer' },
      },
    },
  },
} as const;

export const licensesAnswer = {
  type: 'array',
  items: {
    type: 'object',
    required: ['license', 'packages', 'images'],
    properties: {
      license: { type: 'string' },
      packages: { type: 'integer' },
      images: { type: 'integer' },
    },
  },
} as const;

export const fixAgeAnswer = {
  type: 'array',
  items: {
    type: 'object',
    required: ['digest', 'missingFixes', 'runningContainers'],
    properties: {
      digest: { type: 'string' },
      name: { type: 'string' },
      missingFixes: { type: 'integer' },
      newestFixPublished: { type: 'string' },
      oldestFixPublished: { type: 'string' },
      ageDays: { type: 'number' },
      runningContainers: { type: 'integer' },
    },
  },
} as const;

export const alertsAnswer = {
  type: 'array',
  items: {
    type: 'object',
    required: ['id', 'createdAt', 'vulnerability', 'image', 'packages', 'runningContainers'],
    properties: {
      id: { type: 'integer' },
      createdAt: { type: 'string' },
      vulnerability: { type: 'string' },
      image: {
        type: 'object',
        required: ['digest'],
        properties: { digest: { type: 'string' }, name: { type: 'string' } },
      },
      packages: stringList,
      runningContainers: { type: 'integer' },
      deliveredAt: { type: 'string' },
    },
  },
} as const;

export const rematchAnswer = {
  type: 'object',
  required: ['packages', 'added', 'removed', 'alerts', 'seconds'],
  properties: {
    packages: { type: 'integer' },
    added: { type: 'integer' },
    removed: { type: 'integer' },
    alerts: { type: 'integer' },
    seconds: { type: 'number' },
  },
} as const;

export const newTokenAnswer = {
  type: 'object',
  required: ['id', 'token', 'role', 'name'],
  properties: {
    id: { type: 'integer' },
    token: { type: 'string', description: 'shown once: the server keeps only its hash' },
    role: { type: 'string' },
    name: { type: 'string' },
  },
} as const;

export const healthAnswer = {
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string', const: 'ok' } },
} as const;

// Shapes settled with the store's listings (tokens.ts, audit-log.ts, reports.ts).

export const tokensAnswer = {
  type: 'array',
  items: {
    type: 'object',
    required: ['id', 'name', 'role'],
    properties: {
      id: { type: 'integer' },
      name: { type: 'string' },
      role: { type: 'string' },
      createdAt: { type: 'string' },
    },
  },
} as const;

const auditEntry = {
  type: 'object',
  required: ['at', 'method', 'path', 'status', 'summary'],
  properties: {
    id: { type: 'integer' },
    at: { type: 'string' },
    tokenId: { type: 'integer' },
    role: { type: 'string' },
    method: { type: 'string' },
    path: { type: 'string' },
    status: { type: 'integer' },
    summary: { type: 'string' },
  },
} as const;

export const auditAnswer = pageOf(auditEntry);

export const registriesAnswer = { type: 'array', items: imageSummary } as const;
