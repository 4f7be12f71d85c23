import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { catalogRules } from '../catalog/catalog-rules.ts';
import type { TemplateDefinition } from '../catalog/define-template.ts';
import { type Catalog, type CatalogRoots, defaultRoots, inspectCatalog } from '../catalog/registry.ts';
import { errors } from '../errors.ts';
import { stateDir } from '../paths.ts';
import { measureBudgets } from '../score/checks/budgets.ts';
import { briefHint, briefProblems } from './brief-rule.ts';
import { contrastHint, contrastProblems, type NamedPalette } from './contrast-rule.ts';
import { type LintCase, lintCases } from './lint-cases.ts';
import { displayFile, type Finding, lineOf, tidyFindings } from './lint-finding.ts';
import { lighthouseFindings } from './lint-lighthouse.ts';
import { type RenderedCase, renderCase } from './lint-render.ts';
import { type PageRuleId, pageProblems, pageRuleHints } from './page-rules.ts';

/**
 * `dreamseed templates lint`: everything a template and its sections must
 * keep, as findings with a rule id, file and line. It runs
 *
 * 1. the catalogue rules (catalog-rules.ts, the registry's own: no second copy);
 * 2. the page rules on every component's source (page-rules.ts: scripts,
 *    third-party requests, external fonts, unsized images, literal h1);
 * 3. a real render of each template for every demo founder and edge-case DNA
 *    (the offline writer, the brand stage and one Astro build each), and the
 *    page rules and byte budgets on the built pages;
 * 4. colour contrast of the components' own colour pairs under every palette
 *    option the renders produced (contrast-rule.ts);
 * 5. with `lighthouse`, the score checks (Lighthouse, axe, HTML validity…) on
 *    each template's first build.
 */
export interface LintOptions {
  /** The catalogue to lint (default: the repository's). */
  roots?: CatalogRoots | undefined;
  /** Demo founders to render for (default: all of them). */
  founders?: string[] | undefined;
  /** Render the edge-case DNA too (default true). */
  edges?: boolean | undefined;
  /** Build the pages with Astro (default true); false: write and brand only (contrast still measured). */
  build?: boolean | undefined;
  /** Run the score checks with Lighthouse on each template's first build. */
  lighthouse?: boolean | undefined;
  /** Where the builds go (default `<state dir>/lint`); emptied first. */
  workDir?: string | undefined;
  onProgress?: ((line: string) => void) | undefined;
}

export interface LintRender {
  template: string;
  case: string;
  ok: boolean;
  ms: number;
  /** Bytes of the whole build, and of the home page's HTML gzipped (the first-load budget); null when not built. */
  bytes: number | null;
  first_load_bytes: number | null;
  out_dir: string | null;
}

export interface LintReport {
  templates: string[];
  cases: string[];
  findings: Finding[];
  /** One per template × case. */
  renders: LintRender[];
  /** Without ids: main sections no template places, each variant rendered on the first template's home page (`template` is `section-<type>-<variant>`). */
  section_renders: LintRender[];
  ms: number;
}

/** What one set of renders builds: a template, or a section hosted on one. */
interface RenderTarget {
  /** Folder-safe name of the builds, and `LintRender.template`. */
  slug: string;
  /** How messages name it. */
  label: string;
  /** The template findings belong to; undefined for a hosted section. */
  template: string | undefined;
  definition: TemplateDefinition;
  /** Where a render failure or an over-budget build is reported. */
  file: string;
}

/** The findings only (what the grid shows per cell). */
export async function lintTemplates(ids?: readonly string[], options: LintOptions = {}): Promise<Finding[]> {
  return (await lintReport(ids, options)).findings;
}

export async function lintReport(ids?: readonly string[], options: LintOptions = {}): Promise<LintReport> {
  const started = performance.now();
  const roots = options.roots ?? defaultRoots;
  const root = dirname(roots.templates);
  const rel = (path: string) => displayFile(root, path);
  const progress = options.onProgress ?? (() => {});
  const { catalog, problems } = await inspectCatalog(roots);
  const known = new Set([
    ...catalog.templates.keys(),
    ...problems.filter((p) => p.kind === 'template').map((p) => p.name),
  ]);
  for (const id of ids ?? [])
    if (!known.has(id))
      throw errors.notFound(
        'template',
        id,
        `Known templates: ${[...known].sort().join(', ')} (\`dreamseed templates list\`).`,
      );
  const templateIds = [...(ids?.length ? ids : [...known])].sort();
  const inScope = sectionsInScope(catalog, templateIds, ids?.length ? undefined : 'all');

  const findings: Finding[] = [];
  // 1. The catalogue rules.
  for (const p of problems) {
    if (p.kind === 'template' && !templateIds.includes(p.name)) continue;
    if (p.kind === 'section' && !inScope.has(p.name) && ids?.length) continue;
    findings.push({
      id: p.rule,
      severity: 'error',
      file: rel(p.path),
      line: lineOf(p.path, p.locate ? quoted(p.path, p.locate) : undefined),
      message: `${p.kind} ${p.name}: ${p.text}`,
      hint: catalogRules[p.rule],
      ...(p.kind === 'template' ? { template: p.name } : {}),
    });
  }
  // The AI briefs of the sections in scope (what the AI writer reads).
  for (const [type, def] of catalog.sections) {
    if (!inScope.has(type)) continue;
    for (const p of briefProblems(def, join(roots.sections, type)))
      findings.push({
        id: 'section/bad-brief',
        severity: 'error',
        file: rel(p.file),
        line: p.line,
        message: `section ${type}: ${p.message}`,
        hint: briefHint,
      });
  }
  // 2. The page rules on the components' source.
  const components = componentFiles(roots.sections, inScope);
  const sourceFound = new Map<string, Set<PageRuleId>>();
  for (const file of components) {
    for (const p of pageProblems(readFileSync(file, 'utf8'), { source: true })) {
      findings.push({
        id: p.id,
        severity: 'error',
        file: rel(file),
        line: p.line,
        message: p.message,
        hint: pageRuleHints[p.id],
      });
      sourceFound.set(file, (sourceFound.get(file) ?? new Set()).add(p.id));
    }
  }

  // 3. Render every template for every case.
  const cases = await lintCases({ founders: options.founders, edges: options.edges });
  const renders: LintRender[] = [];
  const palettes = new Map<string, NamedPalette>();
  const workDir = options.workDir ?? join(stateDir(), 'lint');
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  const renderable = templateIds.filter(
    (id) => catalog.templates.has(id) && !problems.some((p) => p.kind === 'template' && p.name === id),
  );
  /** Renders one template (or a section hosted on one) for every case, adding its findings. */
  const renderTarget = async (target: RenderTarget, into: LintRender[]) => {
    for (const c of cases) {
      const t0 = performance.now();
      const outDir = join(workDir, `${target.slug}--${c.id.replace(':', '-')}`);
      const about = target.template === undefined ? {} : { template: target.template };
      let rendered: RenderedCase;
      try {
        rendered = await renderCase(catalog, target.definition, c.bundle, {
          outDir,
          build: options.build !== false,
          sectionsDir: roots.sections,
        });
      } catch (error) {
        const message =
          error instanceof Error ? error.message.split('\n').slice(0, 4).join(' ') : String(error);
        findings.push({
          id: 'render/failed',
          severity: 'error',
          file: rel(target.file),
          line: 1,
          message: `${target.label} does not render for ${c.id}: ${message}`,
          hint: 'Run `dreamseed generate --dna <bundle> --template <id>` with DREAMSEED_DEBUG=1 to see the whole error.',
          ...about,
          case: c.id,
        });
        into.push({
          template: target.slug,
          case: c.id,
          ok: false,
          ms: ms(t0),
          bytes: null,
          first_load_bytes: null,
          out_dir: null,
        });
        progress(`${target.label} × ${c.id}: failed`);
        continue;
      }
      for (const [i, o] of rendered.brand.paletteOptions.entries())
        palettes.set(`${c.id}|${o.id}`, { name: `${c.id} option ${i} (${o.id})`, roles: o.roles });
      let firstLoad: number | null = null;
      if (rendered.build) {
        const used = usedComponents(roots.sections, rendered);
        findings.push(...pageFindings(rendered, c, target, used, sourceFound, rel));
        const files = listFiles(rendered.build.outDir);
        for (const b of measureBudgets(rendered.build.outDir, files, null)) {
          if (b.budget === 'home_mobile_bytes') continue;
          if (b.budget === 'first_load_bytes') firstLoad = b.actual;
          if (b.pass) continue;
          findings.push({
            id: `budget/${b.budget.replaceAll('_', '-')}`,
            severity: 'error',
            file: rel(target.file),
            line: 1,
            message: `${target.label} for ${c.id}: ${b.label} is ${b.actual} bytes, over the ${b.limit} byte budget`,
            hint: 'Trim the CSS of the sections on the home page (the home HTML with its inline CSS must fit ~14 KB gzipped).',
            ...about,
            case: c.id,
          });
        }
      }
      into.push({
        template: target.slug,
        case: c.id,
        ok: true,
        ms: ms(t0),
        bytes: rendered.build?.bytes ?? null,
        first_load_bytes: firstLoad,
        out_dir: rendered.build?.outDir ?? null,
      });
      progress(`${target.label} × ${c.id}: ${ms(t0)} ms`);
    }
  };
  for (const id of renderable)
    await renderTarget(
      {
        slug: id,
        label: id,
        template: id,
        definition: catalog.templates.get(id)!,
        file: join(roots.templates, id, 'template.json'),
      },
      renders,
    );
  // With no ids, a main section no template uses is rendered too: each variant at the end of the first
  // template's home page (a new section is linted before any template places it).
  const sectionRenders: LintRender[] = [];
  const host = renderable[0] ? catalog.templates.get(renderable[0]) : undefined;
  if (!ids?.length && host) {
    const placed = new Set(
      [...catalog.templates.values()].flatMap((t) => t.pages.flatMap((p) => p.sections.map((s) => s.type))),
    );
    const broken = new Set(problems.filter((p) => p.kind === 'section').map((p) => p.name));
    for (const [type, def] of [...catalog.sections].sort(([a], [b]) => a.localeCompare(b))) {
      if (def.placement !== 'main' || placed.has(type) || broken.has(type)) continue;
      for (const variant of def.variants)
        await renderTarget(
          {
            slug: `section-${type}-${variant}`,
            label: `${type}/${variant} on the ${host.id} home page`,
            template: undefined,
            definition: {
              ...host,
              pages: host.pages.map((p, i) =>
                i === 0 ? { ...p, sections: [...p.sections, { type, variant }] } : p,
              ),
            },
            file: join(roots.sections, type, 'section.ts'),
          },
          sectionRenders,
        );
    }
  }

  // 4. Contrast of the components' own colour pairs under every palette option.
  const named = [...palettes.values()];
  for (const file of components) {
    for (const p of contrastProblems(readFileSync(file, 'utf8'), named))
      findings.push({
        id: 'css/contrast',
        severity: 'error',
        file: rel(file),
        line: p.line,
        message: p.message,
        hint: contrastHint,
      });
  }

  // 5. The score checks, with Lighthouse.
  if (options.lighthouse) findings.push(...(await lighthouseFindings(renders, cases, roots, rel, progress)));

  return {
    templates: templateIds,
    cases: cases.map((c) => c.id),
    findings: tidyFindings(findings),
    renders,
    section_renders: sectionRenders,
    ms: ms(started),
  };
}

function ms(t0: number): number {
  return Math.round(performance.now() - t0);
}

/** `"hero"` or `'hero'` as written in the file, so the line found is the value's, not a word in a comment. */
function quoted(path: string, value: string): string {
  if (!existsSync(path)) return value;
  const text = readFileSync(path, 'utf8');
  for (const q of [`'${value}'`, `"${value}"`, `\`${value}\``]) if (text.includes(q)) return q;
  return value;
}

/** The sections the templates use (header and footer included), or every section with `all`. */
function sectionsInScope(catalog: Catalog, templates: string[], all?: 'all'): Set<string> {
  if (all) return new Set(catalog.sections.keys()).add('_shared');
  const out = new Set<string>(['header', 'footer', '_shared']);
  for (const id of templates)
    for (const page of catalog.templates.get(id)?.pages ?? []) for (const s of page.sections) out.add(s.type);
  return out;
}

/** Every `.astro` file of the sections in scope (and `_shared`). */
function componentFiles(sectionsDir: string, scope: Set<string>): string[] {
  const out: string[] = [];
  for (const type of [...scope].sort()) {
    const dir = join(sectionsDir, type);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) if (f.endsWith('.astro')) out.push(join(dir, f));
  }
  return out;
}

/** The component files a build used, by page path: its variants and the shared parts. */
function usedComponents(sectionsDir: string, rendered: RenderedCase): Map<string, string[]> {
  const spec = rendered.spec;
  const file = (s: { type: string; variant: string }) => join(sectionsDir, s.type, `${s.variant}.astro`);
  const chrome = [file(spec.header), file(spec.footer)];
  return new Map(spec.pages.map((p) => [p.path, [...chrome, ...p.sections.map(file)]]));
}

/**
 * The page rules on each built page. A problem a component's source already
 * showed (same rule, a component used on the page) is not repeated; one the
 * source did not show is put on the component whose source holds its trace
 * (the host of a request, `<h1`), else on the template.
 */
function pageFindings(
  rendered: RenderedCase,
  c: LintCase,
  target: RenderTarget,
  used: Map<string, string[]>,
  sourceFound: Map<string, Set<PageRuleId>>,
  rel: (path: string) => string,
): Finding[] {
  const out: Finding[] = [];
  const build = rendered.build!;
  const ownHost = new URL(rendered.spec.site.url).host;
  for (const [path, files] of used) {
    const html = join(build.outDir, path, 'index.html');
    if (!existsSync(html)) continue;
    for (const p of pageProblems(readFileSync(html, 'utf8'), { ownHost, source: false })) {
      if (files.some((f) => sourceFound.get(f)?.has(p.id))) continue;
      const at = p.needle
        ? files.find((f) => existsSync(f) && readFileSync(f, 'utf8').includes(p.needle!))
        : undefined;
      out.push({
        id: p.id,
        severity: 'error',
        file: rel(at ?? target.file),
        line: at ? lineOf(at, p.needle) : 1,
        message: `${target.template ? '' : `${target.label}: `}${path} for ${c.id}: ${p.message}`,
        hint: pageRuleHints[p.id],
        ...(target.template === undefined ? {} : { template: target.template }),
        case: c.id,
      });
    }
  }
  return out;
}

function listFiles(root: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(root, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(root, path));
    else if (!e.name.startsWith('.')) out.push(path);
  }
  return out;
}

export type { Finding } from './lint-finding.ts';
