import type { Database } from './database.ts';

/**
 * Empties a PostgreSQL server of what the migrations made, for `db reset`:
 * every table, view, sequence, function and type in `public`, the migration
 * history, the build queue's settings schema and pg-boss's queue (its jobs name
 * founders that no longer exist; a worker installs it again when it starts). The `public` schema itself stays, with its owner, its grants to the
 * API roles and the default privileges Supabase set on it (dropping the schema
 * would lose them, and the migrations' REVOKE/GRANTs assume them). Objects an
 * extension owns are left to the extension; `auth` and `extensions` belong to
 * Supabase and are not touched.
 */
export async function wipePostgres(db: Database): Promise<void> {
  await db.exec(WIPE_SQL);
}

const WIPE_SQL = `
drop schema if exists supabase_migrations cascade;
drop schema if exists build_queue cascade;
drop schema if exists pgboss cascade;
do $wipe$
declare
  obj record;
begin
  -- With only pg_catalog on the path, regclass/regprocedure/regtype print schema-qualified names.
  perform pg_catalog.set_config('search_path', 'pg_catalog', true);
  for obj in
    select c.oid::regclass::text as name,
           case c.relkind when 'v' then 'view' when 'm' then 'materialized view'
                          when 'f' then 'foreign table' when 'S' then 'sequence' else 'table' end as kind
      from pg_catalog.pg_class c
     where c.relnamespace = 'public'::regnamespace
       and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
       and not exists (select 1 from pg_catalog.pg_depend d
                        where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = c.oid and d.deptype in ('e', 'a', 'i'))
  loop
    execute format('drop %s if exists %s cascade', obj.kind, obj.name);
  end loop;
  for obj in
    select p.oid::regprocedure::text as name,
           case p.prokind when 'p' then 'procedure' when 'a' then 'aggregate' else 'function' end as kind
      from pg_catalog.pg_proc p
     where p.pronamespace = 'public'::regnamespace
       and not exists (select 1 from pg_catalog.pg_depend d
                        where d.classid = 'pg_catalog.pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
  loop
    execute format('drop %s if exists %s cascade', obj.kind, obj.name);
  end loop;
  for obj in
    select t.oid::regtype::text as name, case t.typtype when 'd' then 'domain' else 'type' end as kind
      from pg_catalog.pg_type t
     where t.typnamespace = 'public'::regnamespace
       and (t.typtype in ('e', 'd', 'r', 'm')
            or (t.typtype = 'c' and (select c.relkind from pg_catalog.pg_class c where c.oid = t.typrelid) = 'c'))
       and not exists (select 1 from pg_catalog.pg_depend d
                        where d.classid = 'pg_catalog.pg_type'::regclass and d.objid = t.oid and d.deptype = 'e')
  loop
    execute format('drop %s if exists %s cascade', obj.kind, obj.name);
  end loop;
end
$wipe$;
`;
