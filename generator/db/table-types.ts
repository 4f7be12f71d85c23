import type { Queryable } from './database.ts';

/**
 * Generates TypeScript row types for every table in `public` from the live
 * database (information_schema), so table types are never maintained by hand.
 * `scripts/db/gen-types.ts` writes them to generator/db/types.generated.ts and a
 * test fails when that file is out of date with the migrations.
 */
const PG_TO_TS: Record<string, string> = {
  uuid: 'string',
  text: 'string',
  'character varying': 'string',
  citext: 'string',
  boolean: 'boolean',
  smallint: 'number',
  integer: 'number',
  bigint: 'string',
  numeric: 'string',
  real: 'number',
  'double precision': 'number',
  jsonb: 'Json',
  json: 'Json',
  'timestamp with time zone': 'Date',
  'timestamp without time zone': 'Date',
  date: 'Date',
  inet: 'string',
  interval: 'string',
};

interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  is_nullable: 'YES' | 'NO';
  column_default: string | null;
}

export async function generateTableTypes(db: Queryable): Promise<string> {
  const columns = await db.query<ColumnRow>(
    `select c.table_name, c.column_name, c.data_type, c.udt_name, c.is_nullable, c.column_default
       from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      order by c.table_name, c.ordinal_position`,
  );
  const tables = new Map<string, ColumnRow[]>();
  for (const c of columns) tables.set(c.table_name, [...(tables.get(c.table_name) ?? []), c]);
  const lines = [
    '// Generated from the database by `node scripts/db/gen-types.ts`. Do not edit by hand.',
    '// tests/generator/db/table-types.test.ts fails when this file is out of date with the migrations.',
    '',
    'export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };',
    '',
  ];
  const names = [...tables.keys()].sort();
  for (const name of names) {
    lines.push(`export interface ${pascal(name)}Row {`);
    for (const c of tables.get(name)!) {
      lines.push(`  ${c.column_name}: ${tsType(c)}${c.is_nullable === 'YES' ? ' | null' : ''};`);
    }
    lines.push('}', '');
  }
  lines.push('export interface Tables {');
  for (const name of names) lines.push(`  ${name}: ${pascal(name)}Row;`);
  lines.push('}', '', `export const tableNames = ${JSON.stringify(names)} as const;`, '');
  return lines.join('\n');
}

function tsType(c: ColumnRow): string {
  if (c.data_type === 'ARRAY') {
    const inner =
      PG_TO_TS[c.udt_name.replace(/^_/, '').replace('int2', 'smallint').replace('int4', 'integer')] ??
      'string';
    return `${inner}[]`;
  }
  if (c.data_type === 'USER-DEFINED') return c.udt_name === 'vector' ? 'string' : 'unknown';
  return PG_TO_TS[c.data_type] ?? 'unknown';
}

function pascal(name: string): string {
  return name.replace(/(^|_)([a-z0-9])/g, (_, __, ch: string) => ch.toUpperCase());
}
