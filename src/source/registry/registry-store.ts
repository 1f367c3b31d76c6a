// A BlobStore over a registry's distribution API: manifests by tag or digest, blobs by digest, each verified against
// its digest (layers as they stream), behind the registry's authentication and the transport's retries.
// Spec: https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests

import type { Readable } from 'node:stream';
import { InputError, messageOf } from '../../errors.js';
import { MAX_METADATA_BYTES, type BlobStore } from '../blob-store.js';
import { DigestVerifier, digestOf, verifyDigest } from '../digest.js';
import { ACCEPTED_MANIFEST_TYPES, type Descriptor } from '../oci-manifest.js';
import { RegistryAuth } from './auth.js';
import { ConnectionError, HttpTransport, readBody, type HttpResponse } from './client.js';
import type { CredentialLookup } from './docker-config.js';
import type { ImageReference } from './reference.js';

export interface RegistryStoreOptions {
  reference: ImageReference;
  /** Names the target in errors (the reference as the user wrote it). */
  subject: string;
  lookup: CredentialLookup;
  /** Plain HTTP, or HTTPS without certificate verification. */
  insecure?: boolean;
  /** Extra trusted CA certificates (PEM). */
  ca?: string;
}

type Kind = 'manifests' | 'blobs';

const ERROR_BODY_LIMIT = 64 * 1024;
const ACCEPT_MANIFESTS = ACCEPTED_MANIFEST_TYPES.join(', ');
const MANIFEST_TYPES: ReadonlySet<string> = new Set(ACCEPTED_MANIFEST_TYPES);

export class RegistryStore implements BlobStore {
  readonly subject: string;
  private readonly reference: ImageReference;
  private readonly transport: HttpTransport;
  private readonly auth: RegistryAuth;
  /** An insecure registry may speak HTTPS or plain HTTP; which one is learnt from the first request. */
  private scheme: 'https' | 'http' | undefined;
  /** Manifests already fetched, so resolving the image does not fetch the root twice. */
  private readonly fetched = new Map<string, Buffer>();
  /** Layer streams handed out and not yet finished. */
  private readonly openStreams = new Set<Readable>();

  constructor(options: RegistryStoreOptions) {
    this.subject = options.subject;
    this.reference = options.reference;
    this.scheme = options.insecure ? undefined : 'https';
    this.transport = new HttpTransport(options.subject, {
      ca: options.ca,
      insecureTls: options.insecure,
    });
    this.auth = new RegistryAuth({
      transport: this.transport,
      registry: options.reference.registry,
      repository: options.reference.repository,
      lookup: options.lookup,
    });
  }

  /** Fetches the manifest or index the reference names; its digest is checked (by digest) or computed (by tag). */
  async fetchRootManifest(): Promise<Descriptor> {
    const { digest: pinned, tag } = this.reference;
    const response = await this.fetch('manifests', pinned ?? tag!);
    const bytes = await readBody(response, MAX_METADATA_BYTES, `${this.subject}: manifest`);
    let digest: string;
    if (pinned) {
      const [algorithm] = pinned.split(':');
      if (digestOf(bytes, algorithm!) !== pinned) {
        throw new InputError(
          this.subject,
          `manifest served does not match the requested digest ${pinned}`,
        );
      }
      digest = pinned;
    } else {
      // The registry's Docker-Content-Digest header is advisory; the bytes are what we read, so their hash is the digest.
      digest = digestOf(bytes, 'sha256')!;
    }
    this.fetched.set(digest, bytes);
    const contentType = (response.header('content-type') ?? '').split(';')[0]!.trim();
    return {
      mediaType: MANIFEST_TYPES.has(contentType) ? contentType : '',
      digest,
      size: bytes.length,
    };
  }

  async readBlob(desc: Pick<Descriptor, 'digest' | 'mediaType' | 'size'>): Promise<Buffer> {
    let bytes = this.fetched.get(desc.digest);
    if (!bytes) {
      // Manifests an index points at are served under /manifests/, everything else under /blobs/.
      const kind: Kind =
        desc.mediaType === '' || MANIFEST_TYPES.has(desc.mediaType) ? 'manifests' : 'blobs';
      const response = await this.fetch(kind, desc.digest);
      bytes = await readBody(response, MAX_METADATA_BYTES, `${this.subject}: blob ${desc.digest}`);
    }
    verifyDigest(bytes, desc.digest, this.subject);
    if (desc.size >= 0 && bytes.length !== desc.size) {
      throw new InputError(
        this.subject,
        `blob ${desc.digest} is ${bytes.length} bytes but its descriptor says ${desc.size}`,
      );
    }
    return bytes;
  }

  /** Streams a blob as stored; the stream fails at its end if the bytes do not match the digest or size. */
  async openBlob(desc: Pick<Descriptor, 'digest' | 'mediaType' | 'size'>): Promise<Readable> {
    const response = await this.fetch('blobs', desc.digest);
    const body = response.body;
    const verifier = new DigestVerifier(desc.digest, desc.size, this.subject);
    // A download that breaks off reaches the reader as an InputError on the stream it holds.
    body.on('error', (err) => {
      verifier.destroy(
        new InputError(this.subject, `download of blob ${desc.digest} failed (${messageOf(err)})`, {
          cause: err,
        }),
      );
    });
    // A reader that stops early, or a verifier that fails, ends the download too.
    verifier.on('close', () => {
      this.openStreams.delete(verifier);
      if (!body.destroyed) body.destroy();
    });
    this.openStreams.add(verifier);
    return body.pipe(verifier);
  }

  /** Aborts whatever is still in flight: a scan that stops early must not wait for unread layers. */
  async close(): Promise<void> {
    // Ended quietly first, so an unread layer nobody listens to does not raise an unhandled error.
    for (const stream of this.openStreams) stream.destroy();
    await this.transport.destroy();
  }

  private async fetch(kind: Kind, ref: string): Promise<HttpResponse> {
    const path = `/v2/${this.reference.repository}/${kind}/${ref}`;
    const accept: Record<string, string> = kind === 'manifests' ? { Accept: ACCEPT_MANIFESTS } : {};
    let response = await this.send(path, { ...accept, ...this.auth.headers() });
    if (response.status === 401) {
      const challenge = response.header('www-authenticate');
      response.body.resume();
      await this.auth.answer(challenge);
      response = await this.send(path, { ...accept, ...this.auth.headers() });
    }
    if (response.status === 200) return response;
    const detail = await errorDetail(response);
    if (response.status === 401 || response.status === 403) {
      throw this.auth.failure(`HTTP ${response.status}${detail}`);
    }
    if (response.status === 404) {
      const name = `${this.reference.registry}/${this.reference.repository}`;
      throw new InputError(
        this.subject,
        kind === 'manifests'
          ? `manifest unknown: ${name} has no ${ref.includes(':') ? 'manifest' : 'tag'} ${ref}${detail}`
          : `blob unknown: ${name} has no blob ${ref}${detail}`,
      );
    }
    throw new InputError(
      this.subject,
      `registry answered HTTP ${response.status} for ${path}${detail}`,
    );
  }

  private async send(path: string, headers: Record<string, string>): Promise<HttpResponse> {
    const url = (scheme: string): URL => new URL(`${scheme}://${this.reference.endpoint}${path}`);
    if (this.scheme) return this.transport.get(url(this.scheme), headers);
    // An insecure registry is tried over HTTPS first (unverified), as Docker does, then over plain HTTP when what
    // answers on the port does not speak TLS.
    try {
      const response = await this.transport.get(url('https'), headers);
      this.scheme = 'https';
      return response;
    } catch (err) {
      if (
        !(err instanceof ConnectionError) ||
        (err.kind !== 'tls-protocol' && err.kind !== 'network')
      )
        throw err;
    }
    const response = await this.transport.get(url('http'), headers);
    this.scheme = 'http';
    return response;
  }
}

/** A pass-through that hashes and counts a blob, and fails at the end when it is not the blob it should be. */
/** The registry's own words for a failure, from its `{"errors":[{code,message}]}` body, as " (CODE: message)". */
async function errorDetail(response: HttpResponse): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readBody(response, ERROR_BODY_LIMIT, 'error body');
  } catch {
    return '';
  }
  try {
    const doc = JSON.parse(bytes.toString('utf8')) as {
      errors?: { code?: unknown; message?: unknown }[];
    };
    const first = Array.isArray(doc.errors) ? doc.errors[0] : undefined;
    if (!first) return '';
    const parts = [first.code, first.message].filter(
      (p): p is string => typeof p === 'string' && p !== '',
    );
    return parts.length > 0 ? ` (${parts.join(': ')})` : '';
  } catch {
    return '';
  }
}
