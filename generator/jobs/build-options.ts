import type { ChangeRow } from './changes.ts';

/**
 * Options of a build someone asked for (`POST /api/website-generator` without
 * `?wait=true`): a template override, sections to rewrite, the writer. They
 * travel in the change log with the request (a `setting` change whose refs are
 * `build_requested` and `template=…`, `writer=…`, `regenerate=<page>#<key>`),
 * so a queued build honours them, and edits that join the same debounced
 * build keep them. The latest template and writer win; the sections add up.
 */
export interface QueuedBuildOptions {
  template?: string | undefined;
  writer?: 'offline' | 'openai' | undefined;
  regenerate?: { page: string; key: string }[] | undefined;
}

export const BUILD_REQUESTED = 'build_requested';

/** The change-log refs of a build request with these options. */
export function optionRefs(options: QueuedBuildOptions = {}): string[] {
  return [
    BUILD_REQUESTED,
    ...(options.template ? [`template=${options.template}`] : []),
    ...(options.writer ? [`writer=${options.writer}`] : []),
    ...(options.regenerate ?? []).map((s) => `regenerate=${s.page}#${s.key}`),
  ];
}

/** The options the requests among a build's changes carry (none when nobody asked for any). */
export function optionsFromChanges(rows: readonly ChangeRow[]): QueuedBuildOptions | undefined {
  const out: QueuedBuildOptions = {};
  const regenerate = new Map<string, { page: string; key: string }>();
  const requests = rows
    .filter((r) => r.kind === 'setting' && r.refs.includes(BUILD_REQUESTED))
    .sort((a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime());
  for (const row of requests)
    for (const ref of row.refs) {
      const at = ref.indexOf('=');
      if (at < 0) continue;
      const [name, value] = [ref.slice(0, at), ref.slice(at + 1)];
      if (name === 'template') out.template = value;
      else if (name === 'writer' && (value === 'offline' || value === 'openai')) out.writer = value;
      else if (name === 'regenerate') {
        const hash = value.lastIndexOf('#');
        if (hash >= 0) regenerate.set(value, { page: value.slice(0, hash), key: value.slice(hash + 1) });
      }
    }
  if (regenerate.size) out.regenerate = [...regenerate.values()];
  return Object.keys(out).length ? out : undefined;
}
