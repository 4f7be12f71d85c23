import type { Context } from 'hono';
import { html } from 'hono/html';
import type { z } from 'zod';
import { isDreamseedError } from '../errors.ts';
import type { Html } from './layout.ts';

/**
 * Form bodies: every body is parsed with a zod schema; a failure becomes one
 * message per field, shown next to that field (and the page answers 422 with
 * the values kept). Errors from the project's own checks (the section schema,
 * the DNA field schemas, alt text) name their field the same way, so they are
 * shown where the founder typed.
 */
export type FieldErrors = Record<string, string>;

export type Parsed<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

export async function parseForm<S extends z.ZodType>(c: Context, schema: S): Promise<Parsed<z.infer<S>>> {
  const body = await c.req.parseBody({ all: true });
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') values[k] = v;
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.map(String).join('.') || '_form';
    errors[key] ??= friendly(issue.message);
  }
  return { ok: false, errors, values };
}

/**
 * A project error as field errors: "path: what is wrong" lines (errors.invalidInput's `issues`)
 * keyed by their path, the rest under `_form`.
 */
export function errorFields(error: unknown, knownFields: readonly string[] = []): FieldErrors {
  const out: FieldErrors = {};
  if (!isDreamseedError(error)) throw error;
  const issues = (error.data?.issues as string[] | undefined) ?? [];
  for (const line of issues) {
    const m = /^([A-Za-z0-9_.]+): (.*)$/.exec(line);
    if (m && (knownFields.length === 0 || knownFields.includes(m[1]!))) out[m[1]!] ??= friendly(m[2]!);
    else out._form = out._form ? `${out._form} ${line}` : line;
  }
  if (!issues.length || (!Object.keys(out).length && !out._form))
    out._form = `${error.message}${error.hint ? ` ${error.hint}` : ''}`;
  return out;
}

/** Zod's terse size messages in words a founder acts on. */
export function friendly(message: string): string {
  const long = /^Too big: expected string to have <=(\d+) characters?$/.exec(message);
  if (long) return `Too long: keep it to ${long[1]} characters or fewer.`;
  const short = /^Too small: expected string to have >=(\d+) characters?$/.exec(message);
  if (short)
    return short[1] === '1'
      ? 'Write something here: it cannot be empty.'
      : `Too short: write at least ${short[1]} characters.`;
  return message;
}

export const fieldId = (name: string): string => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** A labelled text input or textarea, its hint and its error (linked with aria-describedby). */
export function textField(options: {
  name: string;
  /** The element id (default from the name). */
  id?: string | undefined;
  label: string;
  value: string;
  error?: string | undefined;
  hint?: string | undefined;
  multiline?: boolean;
  type?: 'text' | 'url' | 'email' | 'number';
  required?: boolean;
}): Html {
  const id = options.id ?? fieldId(options.name);
  const described = [options.hint ? `${id}-hint` : '', options.error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  const attrs = html`id="${id}" name="${options.name}"${options.error ? html` aria-invalid="true"` : ''}${described ? html` aria-describedby="${described}"` : ''}${options.required ? html` required` : ''}`;
  return html`<div class="field">
<label for="${id}">${options.label}</label>
${options.multiline ? html`<textarea ${attrs}>${options.value}</textarea>` : html`<input type="${options.type ?? 'text'}" ${attrs} value="${options.value}">`}
${options.hint ? html`<p class="hint" id="${id}-hint">${options.hint}</p>` : ''}
${options.error ? html`<p class="field-error" id="${id}-error">${options.error}</p>` : ''}
</div>`;
}

/** A form-level error (one not tied to a field), or a summary when fields have errors. */
export function formError(errors: FieldErrors | undefined): Html {
  if (!errors) return html``;
  if (errors._form) return html`<p class="field-error" role="alert">${errors._form}</p>`;
  const n = Object.keys(errors).filter((k) => k !== '_csrf').length;
  return n
    ? html`<p class="field-error" role="alert">Not saved: ${n === 1 ? 'one field needs' : `${n} fields need`} a change (marked below).</p>`
    : html``;
}
