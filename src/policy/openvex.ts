// OpenVEX documents: a supplier's or the user's statements that a vulnerability does or does not affect a product.
// OpenVEX v0.2.0 (https://github.com/openvex/spec/blob/main/OPENVEX-SPEC.md, openvex_json_schema.json).

import { readFileSync } from 'node:fs';
import type { VulnerabilityFinding } from '../detect/scan-report.js';
import { InputError, messageOf } from '../errors.js';
import { parsePurl, purlMatches, type PurlParts } from './purl-match.js';
import { parseRfc3339 } from './timestamp.js';
import { findingIdKeys, idFromIri, idKey } from './vulnerability-id.js';

export const VEX_STATUSES = ['not_affected', 'affected', 'fixed', 'under_investigation'] as const;
export type VexStatus = (typeof VEX_STATUSES)[number];

/** The VEX working group's labels (CISA, "Vulnerability Exploitability eXchange (VEX) - Status Justifications"). */
export const VEX_JUSTIFICATIONS = [
  'component_not_present',
  'vulnerable_code_not_present',
  'vulnerable_code_not_in_execute_path',
  'vulnerable_code_cannot_be_controlled_by_adversary',
  'inline_mitigations_already_exist',
] as const;
export type VexJustification = (typeof VEX_JUSTIFICATIONS)[number];

/**
 * Statuses that suppress a finding. `not_affected` says the product is not exploitable and `fixed` that it carries
 * a fix (a backport the version comparison cannot see); `affected` confirms the finding, and `under_investigation`
 * says nobody knows yet, so both leave it to fail the gate.
 */
export const SUPPRESSING_STATUSES: readonly VexStatus[] = ['not_affected', 'fixed'];

/** A product or subcomponent: the purls it is known by (`@id` when it is one, `identifiers.purl`) and the rest. */
export interface VexComponent {
  id?: string;
  purls: PurlParts[];
  /** Algorithm (`sha-256`, ...) to hex digest. */
  hashes: Record<string, string>;
}

export interface VexProduct extends VexComponent {
  subcomponents: VexComponent[];
}

export interface VexStatement {
  /** Its position in the document's `statements`, from 1, as messages name it. */
  index: number;
  vulnerability: { name: string; id?: string; aliases: string[] };
  products: VexProduct[];
  status: VexStatus;
  justification?: VexJustification;
  impactStatement?: string;
  actionStatement?: string;
  statusNotes?: string;
  /** The statement's own timestamp, or the document's it inherits (RFC 3339). */
  timestamp: string;
  lastUpdated?: string;
}

const DOCUMENT_KEYS = [
  '@context',
  '@id',
  'author',
  'role',
  'timestamp',
  'last_updated',
  'version',
  'tooling',
  'statements',
];
const STATEMENT_KEYS = [
  '@id',
  'version',
  'vulnerability',
  'timestamp',
  'last_updated',
  'products',
  'status',
  'supplier',
  'status_notes',
  'justification',
  'impact_statement',
  'action_statement',
  'action_statement_timestamp',
];
const VULNERABILITY_KEYS = ['@id', 'name', 'description', 'aliases'];
const COMPONENT_KEYS = ['@id', 'identifiers', 'hashes'];
const PRODUCT_KEYS = [...COMPONENT_KEYS, 'subcomponents'];
const IDENTIFIER_KEYS = ['purl', 'cpe22', 'cpe23'];
const HASH_KEYS = [
  'md5',
  'sha1',
  'sha-256',
  'sha-384',
  'sha-512',
  'sha3-224',
  'sha3-256',
  'sha3-384',
  'sha3-512',
  'blake2s-256',
  'blake2b-256',
  'blake2b-512',
];
const CONTEXT_PREFIX = 'https://openvex.dev/ns';

/** Reads and validates an OpenVEX document; every problem is an InputError naming the file and the statement. */
export function loadVex(path: string): VexStatement[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new InputError(path, `cannot read the VEX document: ${messageOf(err)}`);
  }
  return parseVex(text, path);
}

type Fail = (problem: string) => InputError;
type Json = Record<string, unknown>;

/** Parses an OpenVEX document's text; `subject` names it in errors. */
export function parseVex(text: string, subject: string): VexStatement[] {
  const fail: Fail = (problem) => new InputError(subject, problem);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw fail(`not valid JSON: ${messageOf(err)}`);
  }
  if (!isObject(doc)) throw fail('not an OpenVEX document: expected a JSON object');
  const context = doc['@context'];
  if (typeof context !== 'string' || !context.startsWith(CONTEXT_PREFIX)) {
    throw fail(
      `not an OpenVEX document: \`@context\` must be ${CONTEXT_PREFIX}/v0.2.0, ` +
        `not ${JSON.stringify(context ?? null)}`,
    );
  }
  checkKeys(doc, DOCUMENT_KEYS, 'the document', fail);
  requiredText(doc, '@id', 'the document', fail);
  requiredText(doc, 'author', 'the document', fail);
  const timestamp = requiredText(doc, 'timestamp', 'the document', fail);
  checkTimestamp(timestamp, 'timestamp', 'the document', fail);
  optionalTimestamp(doc, 'last_updated', 'the document', fail);
  optionalText(doc, 'role', 'the document', fail);
  optionalText(doc, 'tooling', 'the document', fail);
  checkVersion(doc.version, true, 'the document', fail);

  const statements = doc.statements;
  if (!Array.isArray(statements) || statements.length === 0) {
    throw fail('`statements` must be a non-empty list');
  }
  return statements.map((item: unknown, i) =>
    parseStatement(item, i + 1, timestamp, (problem) => fail(`statement ${i + 1}: ${problem}`)),
  );
}

function parseStatement(
  item: unknown,
  index: number,
  documentTimestamp: string,
  fail: Fail,
): VexStatement {
  if (!isObject(item)) throw fail('expected an object');
  checkKeys(item, STATEMENT_KEYS, 'the statement', fail);
  const where = 'the statement';
  optionalText(item, '@id', where, fail);
  optionalText(item, 'supplier', where, fail);
  checkVersion(item.version, false, where, fail);
  const vulnerability = parseVulnerability(item.vulnerability, fail);

  const status = item.status;
  if (status === undefined) throw fail('`status` is required');
  if (!isOneOf(status, VEX_STATUSES)) {
    throw fail(
      `\`status\` must be one of ${VEX_STATUSES.join(', ')}, not ${JSON.stringify(status)}`,
    );
  }
  const justification = item.justification;
  if (justification !== undefined && !isOneOf(justification, VEX_JUSTIFICATIONS)) {
    throw fail(
      `\`justification\` must be one of ${VEX_JUSTIFICATIONS.join(', ')}, not ${JSON.stringify(justification)}`,
    );
  }
  const impactStatement = optionalText(item, 'impact_statement', where, fail);
  const actionStatement = optionalText(item, 'action_statement', where, fail);
  const statusNotes = optionalText(item, 'status_notes', where, fail);
  if (status === 'not_affected' && justification === undefined && impactStatement === undefined) {
    throw fail('a not_affected statement needs a `justification` or an `impact_statement`');
  }
  if (status === 'affected' && actionStatement === undefined) {
    throw fail('an affected statement needs an `action_statement`');
  }

  const ownTimestamp = optionalTimestamp(item, 'timestamp', where, fail);
  const lastUpdated = optionalTimestamp(item, 'last_updated', where, fail);
  optionalTimestamp(item, 'action_statement_timestamp', where, fail);

  // a standalone document has nothing the products could be inherited from
  if (!Array.isArray(item.products) || item.products.length === 0) {
    throw fail('`products` must be a non-empty list');
  }
  const products = item.products.map((product: unknown, i) =>
    parseProduct(product, (problem) => fail(`product ${i + 1}: ${problem}`)),
  );

  const statement: VexStatement = {
    index,
    vulnerability,
    products,
    status,
    timestamp: ownTimestamp ?? documentTimestamp,
  };
  if (justification !== undefined) statement.justification = justification;
  if (impactStatement !== undefined) statement.impactStatement = impactStatement;
  if (actionStatement !== undefined) statement.actionStatement = actionStatement;
  if (statusNotes !== undefined) statement.statusNotes = statusNotes;
  if (lastUpdated !== undefined) statement.lastUpdated = lastUpdated;
  return statement;
}

function parseVulnerability(value: unknown, fail: Fail): VexStatement['vulnerability'] {
  const where = '`vulnerability`';
  if (value === undefined) throw fail('`vulnerability` is required');
  if (!isObject(value)) throw fail('`vulnerability` must be an object with a `name`');
  checkKeys(value, VULNERABILITY_KEYS, where, fail);
  const name = requiredText(value, 'name', where, fail);
  const id = optionalText(value, '@id', where, fail);
  optionalText(value, 'description', where, fail);
  const aliases = value.aliases ?? [];
  if (
    !Array.isArray(aliases) ||
    !aliases.every((alias) => typeof alias === 'string' && alias !== '')
  ) {
    throw fail('`vulnerability.aliases` must be a list of strings');
  }
  const vulnerability: VexStatement['vulnerability'] = { name, aliases: aliases as string[] };
  if (id !== undefined) vulnerability.id = id;
  return vulnerability;
}

function parseProduct(value: unknown, fail: Fail): VexProduct {
  if (!isObject(value)) throw fail('expected an object');
  checkKeys(value, PRODUCT_KEYS, 'the product', fail);
  const component = parseComponent(value, fail);
  const list = value.subcomponents ?? [];
  if (!Array.isArray(list)) throw fail('`subcomponents` must be a list');
  const subcomponents = list.map((sub: unknown, i) => {
    const subFail: Fail = (problem) => fail(`subcomponent ${i + 1}: ${problem}`);
    if (!isObject(sub)) throw subFail('expected an object');
    checkKeys(sub, COMPONENT_KEYS, 'the subcomponent', subFail);
    return parseComponent(sub, subFail);
  });
  return { ...component, subcomponents };
}

function parseComponent(value: Json, fail: Fail): VexComponent {
  const id = optionalText(value, '@id', 'the component', fail);
  const purls: PurlParts[] = [];
  if (id?.startsWith('pkg:')) purls.push(purlOrFail(id, '@id', fail));

  const identifiers = value.identifiers;
  if (identifiers !== undefined) {
    if (!isObject(identifiers)) throw fail('`identifiers` must be an object');
    checkKeys(identifiers, IDENTIFIER_KEYS, '`identifiers`', fail);
    const purl = optionalText(identifiers, 'purl', '`identifiers`', fail);
    optionalText(identifiers, 'cpe22', '`identifiers`', fail);
    optionalText(identifiers, 'cpe23', '`identifiers`', fail);
    if (purl !== undefined) purls.push(purlOrFail(purl, 'identifiers.purl', fail));
    if (Object.keys(identifiers).length === 0) throw fail('`identifiers` is empty');
  }
  if (id === undefined && identifiers === undefined) {
    throw fail('needs an `@id` or `identifiers` to say which software it is');
  }

  const hashes: Record<string, string> = {};
  if (value.hashes !== undefined) {
    if (!isObject(value.hashes)) throw fail('`hashes` must be an object');
    checkKeys(value.hashes, HASH_KEYS, '`hashes`', fail);
    for (const key of Object.keys(value.hashes).sort()) {
      const digest = value.hashes[key];
      if (typeof digest !== 'string' || !/^[0-9a-fA-F]+$/.test(digest)) {
        throw fail(`\`hashes.${key}\` must be a hex digest`);
      }
      hashes[key] = digest.toLowerCase();
    }
  }
  const component: VexComponent = { purls, hashes };
  if (id !== undefined) component.id = id;
  return component;
}

function purlOrFail(text: string, key: string, fail: Fail): PurlParts {
  const purl = parsePurl(text);
  if (!purl) throw fail(`\`${key}\` is not a valid package URL: ${JSON.stringify(text)}`);
  return purl;
}

/**
 * What the scanned image answers to: purls (`pkg:oci/debian@sha256:...?repository_url=...`), digests (its manifest
 * digest and image id, `sha256:<hex>`) and any other exact names (a reference as the user gave it).
 */
export interface ImageIdentity {
  purls: PurlParts[];
  digests: Set<string>;
  names: Set<string>;
}

const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;
/** OpenVEX hash labels to OCI digest algorithm names (https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests). */
const HASH_ALGORITHMS: Record<string, string> = { 'sha-256': 'sha256', 'sha-512': 'sha512' };

export function imageIdentity(identities: readonly string[]): ImageIdentity {
  const identity: ImageIdentity = { purls: [], digests: new Set(), names: new Set() };
  for (const text of identities) {
    identity.names.add(text);
    if (DIGEST.test(text)) identity.digests.add(text.toLowerCase());
    const purl = text.startsWith('pkg:') ? parsePurl(text) : undefined;
    if (purl) identity.purls.push(purl);
  }
  return identity;
}

/**
 * Whether a product is the scanned image: it is named by one of the image's purls (as a pattern, so a purl without
 * version or qualifiers will do), is a `pkg:oci` purl whose version is one of its digests, carries one of its digests
 * among its hashes, or has an `@id` the image answers to exactly.
 */
export function isImageProduct(product: VexComponent, image: ImageIdentity): boolean {
  if (product.id !== undefined && image.names.has(product.id)) return true;
  for (const purl of product.purls) {
    if (image.purls.some((own) => purlMatches(purl, own))) return true;
    if (purl.type === 'oci' && purl.version && image.digests.has(purl.version.toLowerCase()))
      return true;
  }
  for (const [label, digest] of Object.entries(product.hashes)) {
    const algorithm = HASH_ALGORITHMS[label];
    if (algorithm && image.digests.has(`${algorithm}:${digest}`)) return true;
  }
  return false;
}

/** The ids a statement names its vulnerability by: `name`, the aliases, and the id at the end of an `@id` URL. */
export function statementIdKeys(statement: VexStatement): Set<string> {
  const { name, aliases, id } = statement.vulnerability;
  const ids = [name, ...aliases];
  const fromIri = id === undefined ? undefined : idFromIri(id);
  if (fromIri !== undefined) ids.push(fromIri);
  return new Set(ids.map(idKey));
}

/**
 * Whether the statement speaks of the finding: one of its vulnerability's ids is the advisory's or an alias, and one
 * product covers the finding's package. A product covers it when one of the product's purls names the package
 * (`purlMatches`), or when the product is the image and either lists no subcomponents (the whole image) or lists
 * one naming the package. Subcomponents of a product that is not the image are not followed: relating them to the
 * finding would need the dependency graph, which a finding does not carry.
 */
export function vexStatementMatches(
  statement: VexStatement,
  finding: VulnerabilityFinding,
  purl: PurlParts | undefined,
  image: ImageIdentity,
): boolean {
  const findingIds = findingIdKeys(finding);
  if (![...statementIdKeys(statement)].some((key) => findingIds.has(key))) return false;
  return statement.products.some((product) => {
    if (purl && product.purls.some((pattern) => purlMatches(pattern, purl))) return true;
    if (!isImageProduct(product, image)) return false;
    if (product.subcomponents.length === 0) return true;
    return (
      purl !== undefined &&
      product.subcomponents.some((sub) => sub.purls.some((pattern) => purlMatches(pattern, purl)))
    );
  });
}

/** The suppression's reason: the status, the justification, and the statement's own words when it has them. */
export function vexReason(statement: VexStatement): string {
  let reason = statement.status;
  if (statement.justification) reason += ` (${statement.justification})`;
  const words = statement.impactStatement ?? statement.statusNotes;
  if (words) reason += `: ${words}`;
  return reason;
}

/** When the statement was last known true, for "the newest statement wins" (ms). */
export function statementTime(statement: VexStatement): number {
  return parseRfc3339(statement.lastUpdated ?? statement.timestamp) ?? 0;
}

function checkKeys(value: Json, known: readonly string[], where: string, fail: Fail): void {
  const unknown = Object.keys(value)
    .sort()
    .find((key) => !known.includes(key));
  if (unknown !== undefined) {
    throw fail(`unknown key ${JSON.stringify(unknown)} in ${where} (expected ${known.join(', ')})`);
  }
}

function requiredText(value: Json, key: string, where: string, fail: Fail): string {
  const text = value[key];
  if (text === undefined) throw fail(`\`${key}\` is required in ${where}`);
  if (typeof text !== 'string' || text.trim() === '') {
    throw fail(`\`${key}\` in ${where} must be non-empty text`);
  }
  return text;
}

function optionalText(value: Json, key: string, where: string, fail: Fail): string | undefined {
  return value[key] === undefined ? undefined : requiredText(value, key, where, fail);
}

function optionalTimestamp(
  value: Json,
  key: string,
  where: string,
  fail: Fail,
): string | undefined {
  const text = optionalText(value, key, where, fail);
  if (text !== undefined) checkTimestamp(text, key, where, fail);
  return text;
}

function checkTimestamp(text: string, key: string, where: string, fail: Fail): void {
  if (parseRfc3339(text) === undefined) {
    throw fail(
      `\`${key}\` in ${where} must be an RFC 3339 date-time with a time zone, not ${JSON.stringify(text)}`,
    );
  }
}

function checkVersion(value: unknown, required: boolean, where: string, fail: Fail): void {
  if (value === undefined && !required) return;
  if (value === undefined) throw fail(`\`version\` is required in ${where}`);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw fail(`\`version\` in ${where} must be an integer from 1, not ${JSON.stringify(value)}`);
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isOneOf<T extends string>(value: unknown, options: readonly T[]): value is T {
  return typeof value === 'string' && (options as readonly string[]).includes(value);
}
