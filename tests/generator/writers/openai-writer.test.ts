import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../generator/catalog/registry.ts';
import { sectionRef } from '../../../generator/catalog/slots.ts';
import { checkGrounding } from '../../../generator/content/grounding.ts';
import type { PreviousSection } from '../../../generator/content/revisions.ts';
import { selectTemplate } from '../../../generator/stages/select-template.ts';
import { writeSections } from '../../../generator/stages/write-sections.ts';
import { createOfflineWriter } from '../../../generator/writers/offline.ts';
import { briefOf } from '../../../generator/writers/prompt.ts';
import type { OpenAiSettings } from '../../../generator/writers/writer-config.ts';
import type { WrittenSite } from '../../../generator/writers/written-site.ts';
import { demoBundles } from '../../helpers/demo.ts';
import {
  type ChatRequest,
  echoReference,
  type LoopbackOpenAi,
  type Reply,
  startLoopbackOpenAi,
} from './loopback-openai.ts';
import { loopbackWriter } from './loopback-writer.ts';

/**
 * The OpenAI writer through the real SDK against a loopback Chat Completions
 * server: good answers, answers the checks refuse, and a model that is rate
 * limited, failing or hanging. Whatever happens, every section ends valid and
 * grounded, and its provenance says who wrote it and why.
 */
const catalog = await loadCatalog();
const bundle = (await demoBundles()).get('bakery')!;
const template = catalog.templates.get(selectTemplate(catalog, bundle).id)!;
const offline = await writeSections(catalog, template, bundle, createOfflineWriter());
const offlineHero = offline.all.find((s) => s.key === 'hero')!;

let server: LoopbackOpenAi | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function run(heroReplies: (r: ChatRequest) => Reply, settings: Partial<OpenAiSettings> = {}) {
  server = await startLoopbackOpenAi((r) => (r.section === 'hero' ? heroReplies(r) : echoReference(r)));
  const site = await writeSections(catalog, template, bundle, loopbackWriter(server.url, settings));
  return {
    site,
    hero: site.all.find((s) => s.key === 'hero')!,
    heroRequests: server.requests.filter((r) => r.section === 'hero'),
  };
}

/** Every draft is valid against its schema and holds only the DNA's facts; AI sections keep their links. */
function expectSound(site: WrittenSite) {
  for (const s of site.all) {
    if (s.status !== 'draft') continue;
    const section = catalog.sections.get(s.type)!;
    expect(section.schema.safeParse(s.content).success, s.key).toBe(true);
    expect(checkGrounding(s.content, bundle), s.key).toEqual([]);
    expect(JSON.stringify(s.content), s.key).not.toMatch(/<script|evil\.example|\*\*/i);
    expect(['openai', 'offline'], s.key).toContain(s.provenance.writer);
    if (s.provenance.writer === 'openai') expect(s.provenance.model).toBe('gpt-4.1-mini');
    if (s.provenance.writer === 'offline' && briefOf(section) && !s.provenance.note)
      expect(s.provenance.fallback?.from).toBe('openai');
  }
}

const goodHero = (r: ChatRequest): Reply => ({
  answer: {
    ...r.reference,
    eyebrow: 'Providence',
    lede: 'Fresh bread and pastries every day for neighbours in Federal Hill and the West End of Providence.',
  },
});

describe('the OpenAI writer (real SDK, loopback server)', () => {
  it('uses a good answer as it is, and records the model, the attempt and the tokens', async () => {
    const { site, hero, heroRequests } = await run(goodHero);
    expect(hero.provenance).toMatchObject({ writer: 'openai', model: 'gpt-4.1-mini', attempts: 1 });
    expect(hero.provenance.rejected).toBeUndefined();
    expect(hero.content).toMatchObject({
      eyebrow: 'Providence',
      lede: 'Fresh bread and pastries every day for neighbours in Federal Hill and the West End of Providence.',
      cta: (offlineHero.content as { cta: unknown }).cta,
    });
    expect(heroRequests).toHaveLength(1);
    expect(hero.usage).toMatchObject({ calls: 1 });
    expect(hero.usage!.total_tokens).toBeGreaterThan(0);
    // The request is a strict structured-output request built from the section's schema.
    const format = heroRequests[0]!.body.response_format;
    expect(format.json_schema).toMatchObject({ name: 'hero', strict: true });
    expect(format.json_schema.schema.required).toEqual(
      expect.arrayContaining(['eyebrow', 'headline', 'lede', 'cta', 'image']),
    );
    expect(site.usage).toMatchObject({ writer: 'openai', model: 'gpt-4.1-mini', fallbacks: 0 });
    expect(site.usage.calls).toBe(server!.requests.length);
    expectSound(site);
  });

  it('accepts, for every demo founder, a model that answers with the reference draft: the checks and the offline writer agree', async () => {
    server = await startLoopbackOpenAi(echoReference);
    for (const [slug, each] of await demoBundles()) {
      const chosen = catalog.templates.get(selectTemplate(catalog, each).id)!;
      const site = await writeSections(catalog, chosen, each, loopbackWriter(server.url));
      const fellBack = site.all
        .filter((s) => s.provenance.fallback)
        .map((s) => `${s.key}: ${s.provenance.fallback!.reason}`);
      expect(fellBack, slug).toEqual([]);
    }
  });

  it('refuses an invented statistic, tells the model why, and uses the corrected answer', async () => {
    const { site, hero, heroRequests } = await run((r) =>
      r.attempt === 1
        ? {
            answer: {
              ...r.reference,
              lede: 'Award-winning bread for over 500 neighbours in Providence every week.',
            },
          }
        : goodHero(r),
    );
    expect(hero.provenance).toMatchObject({ writer: 'openai', attempts: 2 });
    const problems = hero.provenance.rejected![0]!.problems.join('\n');
    expect(problems).toMatch(/number "500"/);
    expect(problems).toMatch(/claim "Award-winning"/i);
    // The retry carried the failure to the model, after its own refused answer.
    const retry = heroRequests[1]!.body.messages;
    expect(retry.at(-2)!.role).toBe('assistant');
    expect(retry.at(-1)).toMatchObject({ role: 'user' });
    expect(retry.at(-1)!.content).toMatch(/not accepted[\s\S]*"500"/);
    expect(JSON.stringify(hero.content)).not.toMatch(/500|award/i);
    expectSound(site);
  });

  it('never lets markup or an off-site link through: after the bounded attempts, the offline copy, saying why', async () => {
    const { site, hero, heroRequests } = await run((r) =>
      r.attempt === 1
        ? {
            answer: {
              ...r.reference,
              lede: 'Fresh bread daily. <script>alert(1)</script>',
              cta: { label: 'Order online', href: 'https://evil.example/order' },
            },
          }
        : {
            answer: {
              ...r.reference,
              lede: '**Fresh** bread daily: [order now](https://evil.example/order).',
            },
          },
    );
    expect(heroRequests).toHaveLength(3);
    expect(hero.provenance.writer).toBe('offline');
    expect(hero.provenance.fallback).toMatchObject({ from: 'openai' });
    expect(hero.provenance.fallback!.reason).toMatch(/no answer passed the checks in 3 attempts/);
    expect(hero.content).toEqual(offlineHero.content);
    const [first, second] = hero.provenance.rejected!;
    expect(first!.problems.join('\n')).toMatch(/lede: contains markup[\s\S]*cta\.href/);
    expect(second!.problems.join('\n')).toMatch(/markup "\*\*Fresh\*\*"/);
    expect(second!.problems.join('\n')).toMatch(/web address "https:\/\/evil\.example\/order\)?"/);
    expect(hero.usage!.calls).toBe(3);
    expect(site.usage.fallbacks).toBe(1);
    expect(site.warnings.join('\n')).toMatch(
      /offline writer's copy because no model answer passed the checks: \/ hero/,
    );
    expectSound(site);

    // The next run with the same facts does not pay for the same refusals again.
    const previous = new Map<string, PreviousSection>(
      site.all
        .filter((w) => w.status !== 'omitted')
        .map((w): [string, PreviousSection] => [
          sectionRef(w.page, w.key),
          {
            id: `${w.page}/${w.key}`,
            revision: 1,
            type: w.type,
            status: w.status as PreviousSection['status'],
            content: w.content,
            missing: w.missing,
            dnaHash: w.dnaHash,
            inputHash: w.inputHash,
            editedByFounder: false,
            writer: w.provenance.writer,
            provenance: w.provenance,
            alternatives: [],
          },
        ]),
    );
    const before = server!.requests.length;
    const again = await writeSections(catalog, template, bundle, loopbackWriter(server!.url), { previous });
    expect(server!.requests.length - before).toBe(0);
    expect(again.all.find((s) => s.key === 'hero')!.origin).toBe('reused');
  });

  it('asks again after an answer that is not JSON or breaks the schema', async () => {
    const { site, hero } = await run((r) =>
      r.attempt === 1
        ? { answer: '{"headline": "Fresh bread", ' }
        : r.attempt === 2
          ? { answer: { headline: 42, lede: null } }
          : goodHero(r),
    );
    expect(hero.provenance).toMatchObject({ writer: 'openai', attempts: 3 });
    const [notJson, badSchema] = hero.provenance.rejected!;
    expect(notJson!.problems).toEqual([expect.stringMatching(/not valid JSON/)]);
    expect(badSchema!.problems.join('\n')).toMatch(/headline: .*string/);
    expectSound(site);
  });

  it('waits as long as a 429 asks (retry-after), then uses the answer', async () => {
    const { site, hero, heroRequests } = await run((r) =>
      heroRequestsSoFar(r) === 1
        ? { status: 429, headers: { 'retry-after': '1' }, error: 'Rate limit reached' }
        : goodHero(r),
    );
    expect(heroRequests).toHaveLength(2);
    expect(heroRequests[1]!.at - heroRequests[0]!.at).toBeGreaterThanOrEqual(950);
    expect(hero.provenance).toMatchObject({ writer: 'openai', attempts: 1 });
    expect(hero.usage!.calls).toBe(1);
    expectSound(site);
  });

  it('retries a 500 with backoff and recovers', async () => {
    const { site, hero, heroRequests } = await run((r) =>
      heroRequestsSoFar(r) === 1 ? { status: 500, error: 'The server had an error' } : goodHero(r),
    );
    expect(heroRequests).toHaveLength(2);
    expect(hero.provenance).toMatchObject({ writer: 'openai', attempts: 1 });
    expectSound(site);
  });

  it('a model that keeps failing (500): bounded retries, then the whole site in offline copy, with one clear warning', async () => {
    server = await startLoopbackOpenAi(() => ({ status: 500, error: 'The server had an error' }));
    const site = await writeSections(
      catalog,
      template,
      bundle,
      loopbackWriter(server.url, { maxRetries: 2 }),
    );
    const aiSections = site.all.filter((s) => briefOf(catalog.sections.get(s.type)!) && s.status === 'draft');
    expect(aiSections.length).toBeGreaterThan(4);
    for (const s of aiSections) {
      expect(s.provenance.writer, s.key).toBe('offline');
      expect(s.provenance.fallback!.reason, s.key).toMatch(
        /could not be reached: the model server failed \(500\)/,
      );
    }
    expect(site.all.map((s) => [s.key, s.status, s.content])).toEqual(
      offline.all.map((s) => [s.key, s.status, s.content]),
    );
    expect(server.requests.length).toBeLessThanOrEqual(aiSections.length * 3);
    expect(site.warnings).toEqual([
      expect.stringMatching(
        /could not be reached \(the model server failed \(500\).*run the same command again/,
      ),
    ]);
    expectSound(site);
  });

  it('a request that hangs past the timeout is retried; a model that never answers leaves a complete offline site', async () => {
    const once = await run((r) => (heroRequestsSoFar(r) === 1 ? { hang: true } : goodHero(r)), {
      timeoutMs: 400,
      maxRetries: 2,
    });
    expect(once.heroRequests).toHaveLength(2);
    expect(once.hero.provenance).toMatchObject({ writer: 'openai', attempts: 1 });
    expectSound(once.site);
    await server!.close();

    server = await startLoopbackOpenAi(() => ({ hang: true }));
    const started = performance.now();
    const site = await writeSections(
      catalog,
      template,
      bundle,
      loopbackWriter(server.url, { timeoutMs: 300, maxRetries: 1 }),
    );
    // Two tries of 300 ms for the first section; every other section then stops waiting at once.
    expect(performance.now() - started).toBeLessThan(15_000);
    const hero = site.all.find((s) => s.key === 'hero')!;
    expect(hero.provenance.fallback!.reason).toMatch(/did not answer before the timeout/);
    expect(site.all.map((s) => s.content)).toEqual(offline.all.map((s) => s.content));
    expect(site.warnings.join('\n')).toMatch(/could not be reached/);
    expectSound(site);
  });
});

/** How many hero requests the server had seen when this one arrived (this one included). */
function heroRequestsSoFar(r: ChatRequest): number {
  return server!.requests.filter((x) => x.section === 'hero' && x.n <= r.n).length;
}
