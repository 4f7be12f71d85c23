import { limits } from './limits.ts';

/**
 * Founders' file names are kept only as metadata (what the founder called the
 * file), never as a path: stored names are generated from the content hash.
 * The kept name is the last path segment, NFC-normalised, without control or
 * invisible formatting characters (bidi overrides can disguise an extension),
 * without characters that are special in paths or markup, and at most
 * `limits.maxNameChars` long with its extension kept.
 */
export interface SanitisedName {
  name: string;
  /** Whether anything was removed or replaced. */
  changed: boolean;
}

export function sanitiseFileName(raw: string): SanitisedName {
  const last = raw.split(/[\\/]/).pop() ?? '';
  let name = last
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '');
  const chars = Array.from(name);
  if (chars.length > limits.maxNameChars) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    const keep = limits.maxNameChars - Array.from(ext).length - 1;
    name = `${chars.slice(0, keep).join('').trimEnd()}…${ext}`;
  }
  if (!name) name = 'unnamed';
  return { name, changed: name !== raw };
}

/** The name we store a file under: its sha256 and the extension of the detected format. */
export function storedFileName(sha256: string, ext: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256) || !/^[a-z0-9]{2,5}$/.test(ext)) {
    throw new Error(`Refusing to build a stored name from ${sha256}.${ext}`);
  }
  return `${sha256}.${ext}`;
}

/** The extension of a name as given (lower case, without the dot), or null. */
export function extensionOf(name: string): string | null {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  return m ? m[1]!.toLowerCase() : null;
}
