import { createHash } from 'node:crypto';

/**
 * The content hash of a founder's file (hex SHA-256 of its bytes): the name it
 * is stored under, the key of every image cache, and what stored swatches and
 * variants are checked against.
 */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
