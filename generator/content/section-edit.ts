import type { SectionDefinition } from '../catalog/define-section.ts';
import { errors } from '../errors.ts';
import { assetRefsIn } from './asset-refs.ts';

/**
 * A founder's edit of a section's content: each value is set at its dot path
 * (`headline`, `items.2.description`, `cta.label`) — or, when empty, removed —
 * and the whole content is then validated against the section's schema, so an
 * edit can never store copy the page cannot show. Several fields can change in
 * one edit (one revision), which is how a section waiting for facts is filled.
 * Text is plain: markup is refused with a message saying so.
 */
export interface FieldEdit {
  path: string;
  value: string;
}

const MARKUP = /<\/?[a-z!][^>]*>|\[[^\]]+\]\([^)]*\)|(^|\s)(\*\*|__)\S[^*_]*\2|`|javascript:/i;

export function applyEdits(
  section: SectionDefinition,
  content: unknown,
  edits: readonly FieldEdit[],
  /** The founder's image ids: an image reference to anything else is refused. */
  knownAssets?: ReadonlySet<string>,
): unknown {
  const where = `The edit of ${section.type} (${edits.map((e) => e.path).join(', ')})`;
  if (edits.length === 0) throw errors.usage('Name a field to edit with --field PATH --value TEXT.');
  const markup = edits.filter((e) => MARKUP.test(e.value));
  if (markup.length) {
    throw errors.invalidInput(
      where,
      markup.map((e) => `${e.path}: contains markup or code`),
      'Write plain text: the page shows it as typed, without HTML or Markdown.',
    );
  }
  const next = structuredClone(content && typeof content === 'object' ? content : {}) as Record<
    string,
    unknown
  >;
  for (const edit of edits) set(next, parsePath(edit.path), edit.value, where);
  const parsed = section.schema.safeParse(next);
  if (!parsed.success) {
    const emptied = new Set(edits.filter((e) => e.value.trim() === '').map((e) => e.path));
    throw errors.invalidInput(
      where,
      parsed.error.issues.map((i) => {
        const path = i.path.join('.');
        return emptied.has(path)
          ? `${path}: is required, so it cannot be emptied`
          : `${path || '(content)'}: ${i.message}`;
      }),
      'Change the value so the section can show it (e.g. shorter text), give every required field (repeat --field/--value), or name an existing field (see `dreamseed sections show`).',
      { paths: edits.map((e) => e.path) },
    );
  }
  if (knownAssets) {
    const unknown = assetRefsIn(parsed.data).filter((asset) => !knownAssets.has(asset));
    if (unknown.length) {
      throw errors.invalidInput(
        where,
        unknown.map((asset) => `"${asset}" is not one of the founder's images`),
        'Name an image id from `dreamseed files list --user ID`, or add the image first with `dreamseed files add`.',
      );
    }
  }
  return parsed.data;
}

function set(root: Record<string, unknown>, segments: string[], value: string, where: string): void {
  let node: Record<string, unknown> | unknown[] = root;
  for (const [i, segment] of segments.slice(0, -1).entries()) {
    const child = (node as Record<string, unknown>)[segment];
    if (child === undefined || child === null) {
      const created = /^\d+$/.test(segments[i + 1]!) ? [] : {};
      (node as Record<string, unknown>)[segment] = created;
      node = created;
    } else if (typeof child === 'object') {
      node = child as Record<string, unknown>;
    } else {
      throw errors.invalidInput(
        where,
        [`${segments.slice(0, i + 1).join('.')}: is text, not a group of fields`],
        'Name a field inside the content (see `dreamseed sections show`).',
      );
    }
  }
  const last = segments.at(-1)!;
  const target = node as Record<string, unknown>;
  if (value.trim() === '') {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete target[last];
  } else {
    const existing = target[last];
    target[last] = typeof existing === 'number' && Number.isFinite(Number(value)) ? Number(value) : value;
  }
}

function parsePath(path: string): string[] {
  const segments = path.split('.');
  const bad =
    !path.trim() ||
    segments.some((s) => !/^[A-Za-z_][A-Za-z0-9_]*$|^\d+$/.test(s)) ||
    segments.some((s) => ['__proto__', 'constructor', 'prototype'].includes(s));
  if (bad) {
    throw errors.usage(
      `--field "${path}" is not a field path.`,
      'Use dot paths such as headline, cta.label or items.0.description (see `dreamseed sections show`).',
    );
  }
  return segments;
}
