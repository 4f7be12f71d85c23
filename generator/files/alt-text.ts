import { errors } from '../errors.ts';
import { limits } from './limits.ts';

/**
 * A media description is the image's alt text. Screen readers already say
 * "image", so a lead-in such as "Image of" or "Photo of" is dropped; a
 * description that is only a file name, or empty, is no description (the
 * image then waits for one: it is marked needs_input and not published).
 */
export type AltCheck = { ok: true; text: string; notes: string[] } | { ok: false; reason: string };

const LEAD_IN = /^(?:an?\s+)?(?:image|picture|photo(?:graph)?|graphic|icon|logo image)\s+(?:of|showing)\s+/i;
const FILE_NAME = /^[\w\s.-]*\.(?:jpe?g|png|gif|webp|avif|svg|heic|tiff?)$|^(?:img|dsc|pxl|image)[_-]?\d+$/i;

export function checkAltText(raw: string): AltCheck {
  const notes: string[] = [];
  let text = raw
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (LEAD_IN.test(text)) {
    text = text.replace(LEAD_IN, '');
    text = text.charAt(0).toLocaleUpperCase('en') + text.slice(1);
    notes.push('Dropped the lead-in ("Image of …"): screen readers already announce an image.');
  }
  if (!text) return { ok: false, reason: 'the description is empty' };
  if (FILE_NAME.test(text))
    return { ok: false, reason: `"${text}" is a file name, not a description of the image` };
  if (Array.from(text).length > limits.maxAltChars) {
    return {
      ok: false,
      reason: `the description is ${Array.from(text).length} characters; keep it to ${limits.maxAltChars}`,
    };
  }
  return { ok: true, text, notes };
}

/** The checked description, or an input error naming `what` and the reason. */
export function requireAltText(raw: string, what = 'The description'): { text: string; notes: string[] } {
  const alt = checkAltText(raw);
  if (!alt.ok) throw errors.invalidInput(what, [alt.reason], 'Describe what the image shows, in a sentence.');
  return alt;
}
