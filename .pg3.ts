import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
const variant = process.argv[2];
const opts: Record<string, unknown> = {
  default: {},
  sb16: { postgresqlconf: 'shared_buffers = 16MB' },
  mem64: { initialMemory: 64 * 2 ** 20 },
  relaxed: { relaxedDurability: true },
}[variant]!;
const c0 = process.cpuUsage();
const t1 = performance.now();
const pg = await PGlite.create({ dataDir: '/tmp/pgcopy', extensions: { vector }, ...opts });
const t2 = performance.now();
await pg.query('select count(*) from public.users');
await pg.query('select * from public.website_sections limit 50');
const t3 = performance.now();
await pg.close();
const cpu = process.cpuUsage(c0);
console.log(variant.padEnd(8), 'create', Math.round(t2 - t1), 'ms queries', Math.round(t3 - t2), 'cpu', Math.round((cpu.user + cpu.system) / 1000), 'ms maxrss', Math.round(process.resourceUsage().maxRSS / 1024), 'MiB');
