// Row Level Security, generated from the live table list.
//
// Every table in public must (1) have RLS enabled, (2) have at least one policy
// or be on the service-only allow-list below with a reason, and (3) have an
// entry in EXPECTATIONS, which declares for each verb and actor whether the
// database must allow it. A table added without RLS or without an entry here
// fails this suite.
//
// Fixtures: two founders, A and B, each own one row in every founder-owned
// table (written by the database owner, as the service role would). Every check
// acts on A's row, in its own rolled-back transaction:
//   owner         founder A (for users inserts: founder C, who has an auth
//                 user but no profile yet: their own row to create)
//   otherFounder  founder B
//   anon          the anon role
// "allowed" means the statement succeeds and reaches exactly that one row;
// "denied" means a privilege / RLS error (SQLSTATE 42501) or no row reached.
import { randomUUID } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  actAs,
  anon,
  attempt,
  firstRow,
  founder,
  type Outcome,
  serviceRole,
} from './acting-as.ts';
import { openFreshDb } from './fresh-db.ts';

type Verb = 'select' | 'insert' | 'update' | 'delete';
type ActorName = 'owner' | 'otherFounder' | 'anon';
type FounderKey = 'a' | 'b';
type Row = Record<string, string | number | boolean | null>;

interface Founder {
  authId: string;
  userId: string;
}

interface Fixtures {
  founders: Record<FounderKey | 'c', Founder>;
  /** id of each founder's fixture row, per table */
  ids: Record<string, Record<FounderKey, string>>;
}

interface TableExpectation {
  /** verbs each actor may use on founder A's row */
  allowed: Record<ActorName, Verb[]>;
  /** column that identifies the owning users.id (null: not founder-owned) */
  ownerColumn: 'id' | 'user_id' | null;
  /** one fixture row for a founder */
  fixture: (f: FounderKey, x: Fixtures) => Row;
  /** a new row owned by founder A (users: by founder C) */
  insertRow: (x: Fixtures) => Row;
  /** superuser SQL run first in the insert check's transaction (clears a one-row-per-founder slot) */
  insertSetup?: (x: Fixtures) => string;
  /** SET clause of the update check */
  set: string;
  /** SQLSTATE the service role gets where a verb is refused to everyone by design */
  refusedToAll?: Partial<Record<Verb, string>>;
}

const nothing: Record<ActorName, Verb[]> = { owner: [], otherFounder: [], anon: [] };
const ownerMay = (...verbs: Verb[]): Record<ActorName, Verb[]> => ({
  owner: verbs,
  otherFounder: [],
  anon: [],
});
const user = (f: FounderKey, x: Fixtures) => x.founders[f].userId;
function idOf(table: string, f: FounderKey, x: Fixtures = fixtures): string {
  const id = x.ids[table]?.[f];
  if (!id) throw new Error(`no fixture row for ${table} (${f}) yet: check FIXTURE_ORDER`);
  return id;
}

/** Tables with RLS enabled and, deliberately, no policy at all. */
const SERVICE_ONLY: Record<string, string> = {
  webhooks_logs:
    "raw provider payloads (other people's data, signatures); read and written by the service role only",
};

const EXPECTATIONS: Record<string, TableExpectation> = {
  users: {
    allowed: ownerMay('select', 'insert', 'update'),
    ownerColumn: 'id',
    fixture: (f, x) => ({ id: user(f, x), auth_user_id: x.founders[f].authId, slug: `founder-${f}` }),
    insertRow: (x) => ({ auth_user_id: x.founders.c.authId, slug: 'founder-c' }),
    set: `customer_name = 'Renamed Founder'`,
  },
  website_templates: {
    allowed: { owner: ['select'], otherFounder: ['select'], anon: [] },
    ownerColumn: null,
    fixture: (f) => ({ id: `rls-template-${f}`, name: `Template ${f}` }),
    insertRow: () => ({ id: 'rls-template-new', name: 'New template' }),
    set: `name = 'Renamed template'`,
  },
  dream_dna_truth: {
    allowed: ownerMay('select', 'insert', 'update'),
    ownerColumn: 'user_id',
    fixture: (f, x) => ({ user_id: user(f, x), what_problem: `problem ${f}` }),
    insertRow: (x) => ({ user_id: user('a', x), what_problem: 'a fresh start' }),
    insertSetup: (x) => `delete from public.dream_dna_truth where user_id = '${user('a', x)}'`,
    set: `what_problem = 'a sharper problem'`,
  },
  dream_dna_truth_history: {
    allowed: ownerMay('select'),
    ownerColumn: 'user_id',
    // History of an earlier, since deleted truth row: history outlives it.
    fixture: (f, x) => ({
      truth_id: randomUUID(),
      user_id: user(f, x),
      version: 1,
      operation: 'delete',
      previous: JSON.stringify({ what_problem: `old problem ${f}` }),
    }),
    insertRow: (x) => ({
      truth_id: idOf('dream_dna_truth', 'a', x),
      user_id: user('a', x),
      version: 50,
      operation: 'update',
      previous: '{}',
    }),
    set: `changed_by = 'forged'`,
    refusedToAll: { update: '23001' }, // append-only (restrict_violation)
  },
  dream_dna_probability: {
    allowed: ownerMay('select', 'update'),
    ownerColumn: 'user_id',
    fixture: (f, x) => ({ user_id: user(f, x), field_name: 'what_problem', primary_interpretation: 'x' }),
    insertRow: (x) => ({ user_id: user('a', x), field_name: 'who_serves' }),
    set: `user_confirmed = true, user_selected = 'primary'`,
  },
  dream_dna_type: {
    allowed: ownerMay('select', 'update'),
    ownerColumn: 'user_id',
    fixture: (f, x) => ({ user_id: user(f, x), business_archetype: 'sage' }),
    insertRow: (x) => ({ user_id: user('a', x), business_archetype: 'hero' }),
    insertSetup: (x) => `delete from public.dream_dna_type where user_id = '${user('a', x)}'`,
    set: `preferred_template_id = 'rls-template-a'`,
  },
  conversation_sessions: {
    allowed: ownerMay('select'),
    ownerColumn: 'user_id',
    fixture: (f, x) => ({ user_id: user(f, x) }),
    insertRow: (x) => ({ user_id: user('a', x) }),
    set: `notes = 'rescheduled'`,
  },
  transcripts_raw: {
    allowed: ownerMay('select'),
    ownerColumn: 'user_id',
    fixture: (f, x) => ({
      user_id: user(f, x),
      session_id: idOf('conversation_sessions', f, x),
      call_number: 1,
      transcript_text: `transcript ${f}`,
    }),
    insertRow: (x) => ({ user_id: user('a', x), transcript_text: 'forged transcript' }),
    set: `transcript_text = 'rewritten'`,
  },
  transcripts_vectorized: {
    allowed: ownerMay('select'),
    ownerColumn: 'user_id',
    fixture: (f, x) => ({
      transcript_id: idOf('transcripts_raw', f, x),
      user_id: user(f, x),
      chunk_index: 0,
    }),
    insertRow: (x) => ({
      transcript_id: idOf('transcripts_raw', 'a', x),
      user_id: user('a', x),
      chunk_index: 1,
    }),
    set: `content_summary = 'rewritten'`,
  },
  file_buckets: {
    allowed: ownerMay('select', 'insert', 'update', 'delete'),
    ownerColumn: 'user_id',
    fixture: (f, x) => ({ user_id: user(f, x), bucket_name: 'media', storage_path: `${f}/logo.png` }),
    insertRow: (x) => ({ user_id: user('a', x), bucket_name: 'media', storage_path: 'a/team.jpg' }),
    set: `ai_description = 'A round logo'`,
  },
  media_assets: {
    allowed: ownerMay('select', 'insert', 'update', 'delete'),
    ownerColumn: 'user_id',
    fixture: (f, x) => ({
      user_id: user(f, x),
      file_bucket_id: idOf('file_buckets', f, x),
      asset_category: 'logo',
    }),
    insertRow: (x) => ({ user_id: user('a', x), asset_category: 'photo' }),
    set: `description = 'Founder at the counter'`,
  },
  generated_websites: {
    allowed: ownerMay('select', 'update'),
    ownerColumn: 'user_id',
    // Both sites use template b: a template in use cannot be deleted, and the
    // website_templates checks delete template a.
    fixture: (f, x) => ({ user_id: user(f, x), template_id: 'rls-template-b', site_slug: `site-${f}` }),
    insertRow: (x) => ({ user_id: user('a', x), template_id: 'rls-template-a' }),
    set: `selected_palette = 1`,
  },
  website_sections: {
    allowed: ownerMay('select', 'insert', 'update'),
    ownerColumn: 'user_id',
    fixture: (f, x) => ({
      website_id: idOf('generated_websites', f, x),
      user_id: user(f, x),
      page: 'home',
      section_key: 'hero',
      section_type: 'hero',
    }),
    insertRow: (x) => ({
      website_id: idOf('generated_websites', 'a', x),
      user_id: user('a', x),
      page: 'home',
      section_key: 'hero',
      section_type: 'hero',
      revision: 2,
      is_current: false,
      edited_by_founder: true,
    }),
    set: `status = 'approved'`,
  },
  website_deployments: {
    // Deploy history is written by the publish pipeline (service role); founders only read theirs.
    allowed: ownerMay('select'),
    ownerColumn: 'user_id',
    fixture: (f, x) => ({
      website_id: idOf('generated_websites', f, x),
      user_id: user(f, x),
      target: 'local',
      deploy_id: `d-${f}`,
      status: 'superseded',
      published_by: `founder-${f}`,
    }),
    insertRow: (x) => ({
      website_id: idOf('generated_websites', 'a', x),
      user_id: user('a', x),
      target: 'netlify',
      status: 'failed',
      error: 'forged failure',
      published_by: 'forged',
    }),
    set: `url = 'https://forged.example/'`,
  },
  site_build_changes: {
    // Written by the change-capture triggers (security definer), claimed by the build worker (service role).
    allowed: ownerMay('select'),
    ownerColumn: 'user_id',
    fixture: (f, x) => ({ user_id: user(f, x), kind: 'field', refs: '{tagline}', operation: 'update' }),
    insertRow: (x) => ({ user_id: user('a', x), kind: 'asset', refs: '{forged}', operation: 'insert' }),
    set: `job_id = gen_random_uuid(), claimed_at = now()`,
  },
  dream_dna: {
    allowed: ownerMay('select'),
    ownerColumn: 'user_id',
    fixture: (f, x) => ({ user_id: user(f, x), domain_name: `${f}.example` }),
    insertRow: (x) => ({ user_id: user('a', x) }),
    set: `business_idea = 'rewritten'`,
  },
  ai_analysis: {
    allowed: ownerMay('select'),
    ownerColumn: 'user_id',
    fixture: (f, x) => ({
      user_id: user(f, x),
      dream_dna_id: idOf('dream_dna', f, x),
      analysis_type: 'summary',
    }),
    insertRow: (x) => ({
      user_id: user('a', x),
      dream_dna_id: idOf('dream_dna', 'a', x),
      analysis_type: 'forged',
    }),
    set: `model = 'rewritten'`,
  },
  conversations: {
    allowed: ownerMay('select'),
    ownerColumn: 'user_id',
    fixture: (f, x) => ({ user_id: user(f, x), call_number: 1 }),
    insertRow: (x) => ({ user_id: user('a', x), call_number: 2 }),
    set: `summary = 'rewritten'`,
  },
  call_sessions: {
    allowed: ownerMay('select'),
    ownerColumn: 'user_id',
    fixture: (f, x) => ({ user_id: user(f, x), call_number: 1 }),
    insertRow: (x) => ({ user_id: user('a', x), call_number: 2 }),
    set: `status = 'completed'`,
  },
  vapi_calls: {
    allowed: ownerMay('select'),
    ownerColumn: 'user_id',
    fixture: (f, x) => ({
      user_id: user(f, x),
      call_session_id: idOf('call_sessions', f, x),
      vapi_call_id: `vapi-${f}`,
    }),
    insertRow: (x) => ({ user_id: user('a', x), vapi_call_id: 'vapi-a-2' }),
    set: `status = 'ended'`,
  },
  webhooks_logs: {
    allowed: nothing,
    ownerColumn: 'user_id',
    fixture: (f, x) => ({ user_id: user(f, x), source: 'vapi', event_type: 'call.ended' }),
    insertRow: (x) => ({ user_id: user('a', x), source: 'stripe' }),
    set: `status = 'processed'`,
  },
  business_assessment: {
    allowed: ownerMay('select', 'insert', 'update', 'delete'),
    ownerColumn: 'user_id',
    fixture: (f, x) => ({ user_id: user(f, x), assessment_type: 'readiness' }),
    insertRow: (x) => ({ user_id: user('a', x), assessment_type: 'funding' }),
    set: `status = 'in_progress'`,
  },
  assessment_responses: {
    allowed: ownerMay('select', 'insert', 'update', 'delete'),
    ownerColumn: 'user_id',
    fixture: (f, x) => ({
      assessment_id: idOf('business_assessment', f, x),
      user_id: user(f, x),
      question_key: 'q1',
    }),
    insertRow: (x) => ({
      assessment_id: idOf('business_assessment', 'a', x),
      user_id: user('a', x),
      question_key: 'q2',
    }),
    set: `response = '"yes"'`,
  },
  user_sessions: {
    allowed: ownerMay('select'),
    ownerColumn: 'user_id',
    fixture: (f, x) => ({ user_id: user(f, x) }),
    insertRow: (x) => ({ user_id: user('a', x) }),
    set: `pages_viewed = 7`,
  },
  domain_searches: {
    allowed: ownerMay('select'),
    ownerColumn: 'user_id',
    fixture: (f, x) => ({ user_id: user(f, x), query: 'bakery', domain: `${f}-bakery.example` }),
    insertRow: (x) => ({ user_id: user('a', x), query: 'forged' }),
    set: `registrar = 'rewritten'`,
  },
};

function expectationFor(table: string): TableExpectation {
  const spec = EXPECTATIONS[table];
  if (!spec) throw new Error(`public.${table} has no entry in EXPECTATIONS`);
  return spec;
}

/** Fixture order: parents before children. */
const FIXTURE_ORDER = [
  'users',
  'website_templates',
  'dream_dna_truth',
  'dream_dna_truth_history',
  'dream_dna_probability',
  'dream_dna_type',
  'conversation_sessions',
  'transcripts_raw',
  'transcripts_vectorized',
  'file_buckets',
  'media_assets',
  'generated_websites',
  'website_sections',
  'website_deployments',
  'site_build_changes',
  'dream_dna',
  'ai_analysis',
  'conversations',
  'call_sessions',
  'vapi_calls',
  'webhooks_logs',
  'business_assessment',
  'assessment_responses',
  'user_sessions',
  'domain_searches',
];

function insertStatement(table: string, row: Row): { sql: string; params: unknown[] } {
  const columns = Object.keys(row);
  const placeholders = columns.map((_, i) => `$${i + 1}`);
  return {
    sql: `insert into public.${table} (${columns.join(', ')}) values (${placeholders.join(', ')})`,
    params: Object.values(row),
  };
}

const db: PGlite = await openFreshDb();
const liveTables: string[] = (
  await db.query<{ tablename: string }>(
    `select tablename from pg_catalog.pg_tables where schemaname = 'public' order by tablename`,
  )
).rows.map((r) => r.tablename);

const fixtures: Fixtures = {
  founders: {
    a: { authId: randomUUID(), userId: randomUUID() },
    b: { authId: randomUUID(), userId: randomUUID() },
    c: { authId: randomUUID(), userId: randomUUID() },
  },
  ids: {},
};

const actors: Record<ActorName, Actor> = {
  owner: founder(fixtures.founders.a.authId),
  otherFounder: founder(fixtures.founders.b.authId),
  anon,
};

beforeAll(async () => {
  for (const key of ['a', 'b', 'c'] as const) {
    await db.query(`insert into auth.users (id, email) values ($1, $2)`, [
      fixtures.founders[key].authId,
      `founder-${key}@example.test`,
    ]);
  }
  for (const table of FIXTURE_ORDER) {
    const spec = expectationFor(table);
    const ids: Record<FounderKey, string> = { a: '', b: '' };
    fixtures.ids[table] = ids;
    for (const f of ['a', 'b'] as const) {
      const { sql, params } = insertStatement(table, spec.fixture(f, fixtures));
      ids[f] = firstRow((await db.query<{ id: string }>(`${sql} returning id::text`, params)).rows).id;
    }
  }
}, 60_000);

afterAll(async () => {
  await db.close();
});

function isDenied(outcome: Outcome): boolean {
  if (!outcome.ok) return outcome.code === '42501';
  return outcome.affected === 0;
}

function describeOutcome(outcome: Outcome): string {
  return outcome.ok ? `ok, ${outcome.affected} row(s)` : `${outcome.code}: ${outcome.message}`;
}

interface Statement {
  sql: string;
  params: unknown[];
  setup?: string;
}

/** The statement each check runs against founder A's fixture row. */
function statementFor(table: string, verb: Verb): Statement {
  const spec = expectationFor(table);
  const id = idOf(table, 'a');
  switch (verb) {
    case 'select':
      return { sql: `select id from public.${table} where id = $1`, params: [id] };
    case 'insert':
      return { ...insertStatement(table, spec.insertRow(fixtures)), setup: spec.insertSetup?.(fixtures) };
    case 'update':
      return { sql: `update public.${table} set ${spec.set} where id = $1`, params: [id] };
    case 'delete':
      return { sql: `delete from public.${table} where id = $1`, params: [id] };
  }
}

async function run(actor: Actor, verb: Verb, statement: Statement): Promise<Outcome> {
  const outcome = await attempt(db, actor, statement.sql, statement.params, { setup: statement.setup });
  // For a select, "reached" means rows returned.
  return outcome.ok && verb === 'select' ? { ...outcome, affected: outcome.rows.length } : outcome;
}

function actorFor(table: string, verb: Verb, actorName: ActorName): Actor {
  // A users row is created by the auth user it belongs to: founder C has none yet.
  if (table === 'users' && verb === 'insert' && actorName === 'owner')
    return founder(fixtures.founders.c.authId);
  return actors[actorName];
}

describe('every public table is covered', () => {
  it('finds the tables of the schema', () => {
    expect(liveTables.length).toBeGreaterThanOrEqual(20);
  });

  it('has no expectation entry for a table that does not exist', () => {
    expect(Object.keys(EXPECTATIONS).filter((t) => !liveTables.includes(t))).toEqual([]);
    expect(Object.keys(SERVICE_ONLY).filter((t) => !liveTables.includes(t))).toEqual([]);
  });

  it('builds a fixture for every table with an expectation', () => {
    expect([...FIXTURE_ORDER].sort()).toEqual(Object.keys(EXPECTATIONS).sort());
  });
});

const VERBS: Verb[] = ['select', 'insert', 'update', 'delete'];
const ACTOR_NAMES: ActorName[] = ['owner', 'otherFounder', 'anon'];

for (const table of liveTables) {
  describe(`public.${table}`, () => {
    const spec = EXPECTATIONS[table];

    it('has an entry in EXPECTATIONS', () => {
      expect(spec, `add public.${table} to EXPECTATIONS in tests/supabase/rls.test.ts`).toBeDefined();
    });

    it('has row level security enabled', async () => {
      const { rows } = await db.query<{ rls: boolean }>(
        `select c.relrowsecurity as rls from pg_catalog.pg_class c
         where c.oid = $1::regclass`,
        [`public.${table}`],
      );
      expect(rows[0]?.rls).toBe(true);
    });

    it('has at least one policy, or is deliberately service-only', async () => {
      const { rows } = await db.query<{ n: number }>(
        `select count(*)::int as n from pg_catalog.pg_policies where schemaname = 'public' and tablename = $1`,
        [table],
      );
      if (table in SERVICE_ONLY) {
        expect(rows[0]?.n, `${table} is on the service-only list but has policies`).toBe(0);
      } else {
        expect(rows[0]?.n, `${table} has no policy and is not on the SERVICE_ONLY list`).toBeGreaterThan(0);
      }
    });

    if (!spec) return;

    for (const actorName of ACTOR_NAMES) {
      for (const verb of VERBS) {
        const allowed = spec.allowed[actorName].includes(verb);
        it(`${actorName} ${verb}: ${allowed ? 'allowed' : 'denied'}`, async () => {
          const statement = statementFor(table, verb);
          const outcome = await run(actorFor(table, verb, actorName), verb, statement);
          if (allowed) {
            expect(outcome.ok && outcome.affected === 1, describeOutcome(outcome)).toBe(true);
          } else {
            expect(isDenied(outcome), describeOutcome(outcome)).toBe(true);
            // Control: the same statement works for the service role, so the
            // denial is about access, not a missing or invalid row.
            const control = await run(serviceRole, verb, statement);
            const refused = spec.refusedToAll?.[verb];
            if (refused) {
              expect(control.ok ? 'ok' : control.code, `control: ${describeOutcome(control)}`).toBe(refused);
            } else {
              expect(control.ok && control.affected === 1, `control: ${describeOutcome(control)}`).toBe(true);
            }
          }
        });
      }
    }

    if (spec.ownerColumn && spec.allowed.owner.includes('select')) {
      it('owner sees exactly their own rows', async () => {
        const column = spec.ownerColumn as string;
        const own = await db.query<{ n: number }>(
          `select count(*)::int as n from public.${table} where ${column} = $1`,
          [fixtures.founders.a.userId],
        );
        const seen = await actAs(db, actors.owner, (tx) =>
          tx.query<{ n: number; foreign: number }>(
            `select count(*)::int as n, count(*) filter (where ${column} <> $1)::int as foreign from public.${table}`,
            [fixtures.founders.a.userId],
          ),
        );
        expect(seen.rows[0]).toEqual({ n: own.rows[0]?.n, foreign: 0 });
      });
    }

    it('service_role reaches every row (BYPASSRLS)', async () => {
      const all = await db.query<{ n: number }>(`select count(*)::int as n from public.${table}`);
      const seen = await actAs(db, serviceRole, (tx) =>
        tx.query<{ n: number }>(`select count(*)::int as n from public.${table}`),
      );
      expect(all.rows[0]?.n).toBeGreaterThan(0);
      expect(seen.rows[0]?.n).toBe(all.rows[0]?.n);
    });

    it('grants anon nothing and authenticated no TRUNCATE, REFERENCES or TRIGGER', async () => {
      const { rows } = await db.query<{ anon: boolean; risky: boolean }>(
        `select
           has_table_privilege('anon', $1, 'select, insert, update, delete, truncate, references, trigger')
           or has_any_column_privilege('anon', $1, 'select, insert, update, references') as anon,
           has_table_privilege('authenticated', $1, 'truncate, references, trigger') as risky`,
        [`public.${table}`],
      );
      expect(rows[0]).toEqual({ anon: false, risky: false });
    });
  });
}

describe('users: what a founder may change on their own profile', () => {
  const own = () => fixtures.founders.a;

  it('may update profile columns', async () => {
    const outcome = await attempt(
      db,
      actors.owner,
      `update public.users set customer_phone = '+1 555 0100', business_name = 'Bright Loaves' where id = $1`,
      [own().userId],
    );
    expect(outcome.ok && outcome.affected, describeOutcome(outcome)).toBe(1);
  });

  it.each([
    ['auth_user_id', `auth_user_id = '${randomUUID()}'`],
    ['payment_status', `payment_status = 'paid'`],
    ['amount_paid', `amount_paid = 0`],
    ['status', `status = 'active'`],
    ['call_4_completed', `call_4_completed = true`],
    ['slug', `slug = 'taken-over'`],
  ])('may not change %s', async (_column, set) => {
    const outcome = await attempt(db, actors.owner, `update public.users set ${set} where id = $1`, [
      own().userId,
    ]);
    expect(outcome.ok ? 'ok' : outcome.code).toBe('42501');
  });

  it('may not create a profile for another auth user', async () => {
    const outcome = await attempt(
      db,
      founder(fixtures.founders.c.authId),
      `insert into public.users (auth_user_id, slug) values ($1, 'impostor')`,
      [fixtures.founders.b.authId],
    );
    expect(outcome.ok ? 'ok' : outcome.code).toBe('42501');
  });

  it('may not create a profile with billing columns set', async () => {
    const outcome = await attempt(
      db,
      founder(fixtures.founders.c.authId),
      `insert into public.users (auth_user_id, slug, payment_status) values ($1, 'founder-c', 'paid')`,
      [fixtures.founders.c.authId],
    );
    expect(outcome.ok ? 'ok' : outcome.code).toBe('42501');
  });
});

describe('children stay under a parent of the same founder', () => {
  it("founder B cannot attach a section to founder A's website", async () => {
    const outcome = await attempt(
      db,
      actors.otherFounder,
      `insert into public.website_sections (website_id, user_id, page, section_key, section_type)
       values ($1, $2, 'home', 'intruder', 'hero')`,
      [idOf('generated_websites', 'a'), fixtures.founders.b.userId],
    );
    expect(outcome.ok ? 'ok' : outcome.code).toBe('23503');
  });

  it("founder B cannot point a media asset at founder A's file", async () => {
    const outcome = await attempt(
      db,
      actors.otherFounder,
      `insert into public.media_assets (user_id, file_bucket_id, asset_category) values ($1, $2, 'photo')`,
      [fixtures.founders.b.userId, idOf('file_buckets', 'a')],
    );
    expect(outcome.ok ? 'ok' : outcome.code).toBe('23503');
  });

  it('founder B cannot move their own row to founder A', async () => {
    const outcome = await attempt(
      db,
      actors.otherFounder,
      `update public.file_buckets set user_id = $1 where id = $2`,
      [fixtures.founders.a.userId, idOf('file_buckets', 'b')],
    );
    expect(outcome.ok ? 'ok' : outcome.code).toBe('42501');
  });
});

describe('security lint', () => {
  it('no SECURITY DEFINER function in public or auth is executable by anon', async () => {
    const definers = await db.query<{ fn: string; anon: boolean; config: string[] | null }>(
      `select p.oid::regprocedure::text as fn,
              has_function_privilege('anon', p.oid, 'execute') as anon,
              p.proconfig as config
       from pg_catalog.pg_proc p
       join pg_catalog.pg_namespace n on n.oid = p.pronamespace
       where p.prosecdef and n.nspname in ('public', 'auth')`,
    );
    expect(definers.rows.length, 'the DNA history trigger function is SECURITY DEFINER').toBeGreaterThan(0);
    expect(definers.rows.filter((r) => r.anon).map((r) => r.fn)).toEqual([]);
    expect(
      definers.rows.filter((r) => !(r.config ?? []).includes('search_path=""')).map((r) => r.fn),
    ).toEqual([]);
  });

  it('every view in public is security_invoker', async () => {
    const { rows } = await db.query<{ view: string }>(
      `select c.relname as view
       from pg_catalog.pg_class c
       join pg_catalog.pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('v', 'm')
         and not coalesce(c.reloptions @> array['security_invoker=true'], false)`,
    );
    expect(rows).toEqual([]);
  });

  it('no policy reads user metadata', async () => {
    const { rows } = await db.query<{ policy: string }>(
      `select tablename || '.' || policyname as policy
       from pg_catalog.pg_policies
       where concat(qual, ' ', with_check) ~* '(user_metadata|raw_user_meta_data|raw_app_meta_data)'`,
    );
    expect(rows).toEqual([]);
  });

  it('no policy applies to anon or to public', async () => {
    const { rows } = await db.query<{ policy: string }>(
      `select tablename || '.' || policyname as policy
       from pg_catalog.pg_policies
       where schemaname = 'public' and roles && array['anon', 'public']::name[]`,
    );
    expect(rows).toEqual([]);
  });

  it('anon and founders cannot read auth.users', async () => {
    for (const actor of [anon, actors.owner]) {
      const outcome = await attempt(db, actor, `select count(*) from auth.users`);
      expect(outcome.ok ? 'ok' : outcome.code).toBe('42501');
    }
  });
});
