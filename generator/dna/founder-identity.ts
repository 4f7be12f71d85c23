import { createHash } from 'node:crypto';
import slugify from '@sindresorhus/slugify';

/**
 * A founder's handle and id when the DNA does not give them: the slug from the
 * business name, the id from the slug. Both are pure functions of their input,
 * so the same bundle gets the same slug, site folder and user id on every run.
 *
 * - Slug: NFKC-normalised, transliterated to ASCII (`@sindresorhus/slugify`:
 *   "Müller Bäckerei" → `mueller-baeckerei`, "Москва Кафе" → `moskva-kafe`),
 *   lower-case kebab-case, emoji and punctuation dropped, at most 63
 *   characters cut at a hyphen. A name with nothing to transliterate (only
 *   emoji, or a script the library leaves out such as Chinese or Japanese)
 *   gets `founder-` and ten hex digits of the name's SHA-256.
 * - Id: a UUID version 5 (RFC 9562, SHA-1 name-based) of the slug in the
 *   project's own namespace, `FOUNDER_NAMESPACE`.
 */
export const SLUG_MAX = 63;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The project's UUID namespace for founder ids derived from a slug. Never change it: ids would change. */
export const FOUNDER_NAMESPACE = '6f1c1f4e-8f0a-4f57-9d8e-3a2b9c0d5e71';

export function slugFromName(name: string): string {
  const normalised = name.normalize('NFKC');
  const slug = cut(slugify(normalised, { decamelize: false }), SLUG_MAX);
  if (slug) return slug;
  const digest = createHash('sha256').update(normalised.trim()).digest('hex');
  return `founder-${digest.slice(0, 10)}`;
}

/** The founder id for a slug: UUID v5 of the slug in FOUNDER_NAMESPACE. */
export function founderIdFromSlug(slug: string): string {
  return uuidV5(slug, FOUNDER_NAMESPACE);
}

export function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replaceAll('-', ''), 'hex');
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** At most `max` characters, cut after a whole word (at a hyphen) when there is one to cut at. */
function cut(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const head = slug.slice(0, max + 1);
  const at = head.lastIndexOf('-');
  return (at > 0 ? head.slice(0, at) : slug.slice(0, max)).replace(/-+$/, '');
}
