import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../generator/db/database.ts';
import { writeFacts } from '../../../generator/dna/write-facts.ts';
import { isDreamseedError } from '../../../generator/errors.ts';
import { openTestDatabase } from '../../helpers/database.ts';

/**
 * The DNA write path: the founder's values are validated by the user and go
 * through the history as the founder; an extraction never overwrites what the
 * founder validated, its reading becomes an alternative instead.
 */
const BAKERY = 'd7ea0000-0000-4000-8000-000000000001';
const BAKERY_AUTH = 'a7e00000-0000-4000-8000-000000000001';
let db: Database;

beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

async function truth(): Promise<Record<string, unknown>> {
  const [row] = await db.query<Record<string, unknown>>(
    'select * from public.dream_dna_truth where user_id = $1',
    [BAKERY],
  );
  return row!;
}

async function reading(field: string): Promise<Record<string, unknown> | undefined> {
  const [row] = await db.query<Record<string, unknown>>(
    'select * from public.dream_dna_probability where user_id = $1 and field_name = $2',
    [BAKERY, field],
  );
  return row;
}

describe('writeFacts', () => {
  it('writes the founder’s value as theirs: validated, confidence 1, in the history with the founder as actor', async () => {
    const before = await truth();
    const result = await writeFacts(db, {
      user: 'bakery',
      values: { tagline: 'Bread the way Nonna baked it.', founded_year: 2021 },
      source: 'manual_input',
      actor: { kind: 'founder' },
    });
    expect(result).toMatchObject({
      actedAs: 'founder',
      written: ['tagline'],
      unchanged: ['founded_year'],
      version: Number(before.version) + 1,
    });
    const after = await truth();
    expect(after).toMatchObject({
      tagline: 'Bread the way Nonna baked it.',
      extraction_source: 'manual_input',
      validated_by_user: true,
      updated_by: BAKERY_AUTH,
    });
    expect(after.validated_fields).toEqual(['founded_year', 'tagline']);
    expect(after.field_confidence).toMatchObject({ tagline: 1, founded_year: 1, business_name: 0.98 });
    const [history] = await db.query<{
      changed_by: string;
      changed_fields: string[];
      previous: Record<string, unknown>;
    }>(
      `select changed_by, changed_fields, previous from public.dream_dna_truth_history
        where user_id = $1 order by version desc limit 1`,
      [BAKERY],
    );
    expect(history?.changed_by).toBe(BAKERY_AUTH);
    expect(history?.changed_fields).toContain('tagline');
    expect(history?.previous.tagline).toBe(before.tagline);
  });

  it('settles the field’s readings when the founder picks one of them', async () => {
    const row = await reading('who_serves');
    expect(row?.user_confirmed).toBeNull();
    await writeFacts(db, {
      user: BAKERY,
      values: { who_serves: String(row?.alternative_2) },
      source: 'manual_input',
      actor: { kind: 'founder' },
    });
    expect(await reading('who_serves')).toMatchObject({
      user_confirmed: true,
      user_selected: 'alternative_2',
    });
  });

  it('keeps an extraction’s different reading of a validated field as an alternative, and writes the others', async () => {
    await writeFacts(db, {
      user: 'bakery',
      values: { business_hours: 'Tuesday to Sunday, 7am to 3pm' },
      source: 'manual_input',
      actor: { kind: 'founder' },
    });
    expect(await reading('business_hours')).toBeUndefined();
    const before = await truth();
    const result = await writeFacts(db, {
      user: 'bakery',
      values: { business_hours: 'Every day 7am to 3pm', business_stage: 'Two shops by 2027' },
      source: 'call_4',
      actor: { kind: 'extraction', name: 'transcripts' },
      confidence: { business_hours: 0.7, business_stage: 0.8 },
    });
    expect(result).toMatchObject({
      actedAs: 'service',
      written: ['business_stage'],
      alternatives: [{ field: 'business_hours', value: 'Every day 7am to 3pm' }],
    });
    const after = await truth();
    expect(after.business_hours).toBe(before.business_hours);
    expect(after.business_stage).toBe('Two shops by 2027');
    expect(after).toMatchObject({ extraction_source: 'call_4', validated_by_user: false });
    expect(after.field_confidence).toMatchObject({ business_hours: 1, business_stage: 0.8 });
    expect(await reading('business_hours')).toMatchObject({
      primary_interpretation: 'Tuesday to Sunday, 7am to 3pm',
      alternative_1: 'Every day 7am to 3pm',
      user_confirmed: true,
      user_selected: 'primary',
    });
    // The same reading again only raises its confidence; it takes no second slot.
    await writeFacts(db, {
      user: 'bakery',
      values: { business_hours: 'Every day 7am to 3pm' },
      source: 'call_4',
      actor: { kind: 'extraction', name: 'transcripts' },
      confidence: { business_hours: 0.9 },
    });
    const again = await reading('business_hours');
    expect([again?.alternative_1, again?.alternative_2]).toEqual(['Every day 7am to 3pm', null]);
    expect(Number(again?.alternative_1_confidence)).toBe(0.9);
  });

  it('puts a new reading in place of the least likely one when all three slots are taken', async () => {
    const row = await reading('target_revenue');
    const confidences = [1, 2, 3].map((n) => Number(row?.[`alternative_${n}_confidence`]));
    expect(confidences.every((c) => c > 0)).toBe(true);
    const least = confidences.indexOf(Math.min(...confidences)) + 1;
    await writeFacts(db, {
      user: 'bakery',
      values: { target_revenue: '$1 million by 2028' },
      source: 'manual_input',
      actor: { kind: 'founder' },
    });
    await writeFacts(db, {
      user: 'bakery',
      values: { target_revenue: '$250,000 in 2026' },
      source: 'call_3',
      actor: { kind: 'extraction', name: 'transcripts' },
      confidence: { target_revenue: 0.4 },
    });
    const after = await reading('target_revenue');
    expect(after?.[`alternative_${least}`]).toBe('$250,000 in 2026');
    expect((await truth()).target_revenue).toBe('$1 million by 2028');
  });

  it('names the extraction in the history, and records its readings of a field it writes', async () => {
    await writeFacts(db, {
      user: 'bakery',
      values: {
        service_area: 'Providence and Cranston',
        classification_confidence: 0.7,
        reasoning: 'Heard on call 3',
      },
      source: 'call_3',
      actor: { kind: 'extraction', name: 'call_3' },
      confidence: { service_area: 0.55 },
      readings: {
        service_area: {
          alternatives: [
            { value: 'Providence only', confidence: 0.3 },
            { value: 'All of Rhode Island', confidence: 0.15 },
          ],
          reasoning: 'She named Cranston once, for one café.',
        },
      },
    });
    const [history] = await db.query<{ changed_by: string }>(
      'select changed_by from public.dream_dna_truth_history where user_id = $1 order by version desc limit 1',
      [BAKERY],
    );
    expect(history?.changed_by).toBe('call_3');
    const row = await reading('service_area');
    expect(row).toMatchObject({
      primary_interpretation: 'Providence and Cranston',
      alternative_1: 'Providence only',
      alternative_2: 'All of Rhode Island',
      alternative_3: null,
      reasoning: 'She named Cranston once, for one café.',
      user_confirmed: null,
    });
    expect(Number(row?.primary_confidence)).toBe(0.55);
    const [type] = await db.query<{ classification_confidence: string; reasoning: string }>(
      'select classification_confidence, reasoning from public.dream_dna_type where user_id = $1',
      [BAKERY],
    );
    expect(type).toEqual({ classification_confidence: '0.700', reasoning: 'Heard on call 3' });
    await expect(
      writeFacts(db, {
        user: 'bakery',
        values: { reasoning: 'mine' },
        source: 'manual_input',
        actor: { kind: 'founder' },
      }),
    ).rejects.toThrow(/reasoning: is the classifier's own record, not set by hand/);
    await expect(
      writeFacts(db, {
        user: 'bakery',
        values: { tagline: 'Ours' },
        source: 'manual_input',
        actor: { kind: 'founder' },
        readings: { tagline: { alternatives: [{ value: 'Theirs', confidence: 0.2 }] } },
      }),
    ).rejects.toThrow(/readings\.tagline: the founder's value is the reading/);
  });

  it('writes classification fields to dream_dna_type, validated there', async () => {
    await writeFacts(db, {
      user: 'bakery',
      values: { business_archetype: 'sage', scale_ambition: 60 },
      source: 'manual_input',
      actor: { kind: 'founder' },
    });
    const [type] = await db.query<Record<string, unknown>>(
      'select business_archetype, scale_ambition, validated_fields from public.dream_dna_type where user_id = $1',
      [BAKERY],
    );
    expect(type).toEqual({
      business_archetype: 'sage',
      scale_ambition: 60,
      validated_fields: ['business_archetype', 'scale_ambition'],
    });
  });

  it('writes for a founder without a sign-in as the operator, saying so', async () => {
    const [user] = await db.query<{ id: string }>(
      `insert into public.users (slug, business_name) values ('no-signin', 'Quiet Co') returning id`,
    );
    const result = await writeFacts(db, {
      user: 'no-signin',
      values: { services: [{ name: 'Tuning', price: 80, unit: 'hour' }], industry_vertical: 'trades' },
      source: 'manual_input',
      actor: { kind: 'founder' },
    });
    expect(result).toMatchObject({
      actedAs: 'operator',
      written: ['services', 'industry_vertical'],
      version: 1,
    });
    const [row] = await db.query<{ services: unknown; validated_fields: string[] }>(
      'select services, validated_fields from public.dream_dna_truth where user_id = $1',
      [user!.id],
    );
    expect(row).toEqual({
      services: [{ name: 'Tuning', price: 80, unit: 'hour' }],
      validated_fields: ['services'],
    });
  });

  it('refuses invalid values field by field and writes nothing', async () => {
    const before = await truth();
    const failure = await writeFacts(db, {
      user: 'bakery',
      values: { contact_email: 'not-an-email', services: [{ name: 'Loaf', price: -2 }], tagline: 'ok' },
      source: 'manual_input',
      actor: { kind: 'founder' },
    }).catch((e: unknown) => e);
    expect(isDreamseedError(failure) && failure.code).toBe('INVALID_INPUT');
    expect((failure as Error).message).toMatch(/contact_email: /);
    expect((failure as Error).message).toMatch(/services\.0\.price: /);
    expect((await truth()).version).toBe(before.version);
  });

  it('refuses a confidence outside 0–1, a template that does not exist and equal archetypes', async () => {
    await expect(
      writeFacts(db, {
        user: 'bakery',
        values: { tagline: 'x y z' },
        source: 'call_1',
        actor: { kind: 'extraction', name: 't' },
        confidence: { tagline: 3 },
      }),
    ).rejects.toThrow(/confidence\.tagline: 3 is not between 0 and 1/);
    await expect(
      writeFacts(db, {
        user: 'bakery',
        values: { preferred_template_id: 'no-such-template' },
        source: 'manual_input',
        actor: { kind: 'founder' },
      }),
    ).rejects.toThrow(/preferred_template_id: there is no template "no-such-template"/);
    await expect(
      writeFacts(db, {
        user: 'bakery',
        values: { secondary_archetype: 'sage' },
        source: 'manual_input',
        actor: { kind: 'founder' },
      }),
    ).rejects.toThrow(/secondary_archetype: "sage" is also the primary archetype/);
  });
});
