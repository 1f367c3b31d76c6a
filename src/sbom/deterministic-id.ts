// Identifiers that SBOM formats want unique per document, derived from the document's content so that equal
// inputs give equal output. UUID layout per RFC 9562 section 5.8 (version 8, custom): https://www.rfc-editor.org/rfc/rfc9562

import { createHash } from 'node:crypto';

/** A UUID whose 122 free bits are the first bits of the SHA-256 of `content`. */
export function uuidFromContent(content: string): string {
  const bytes = createHash('sha256').update(content).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80; // version 8
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // variant 10xx
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
