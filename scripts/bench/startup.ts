#!/usr/bin/env node
// The start-up benchmark (part of `npm run bench`), whole processes timed from outside:
// - how long the ways of typing the command take to print `--help` (the process itself, the `./dreamseed`
//   shim, `npm run dreamseed`, `npx dreamseed`) against `node -e 0` and `npx node -e 0`;
// - a cold `dreamseed generate --demo bakery` (fresh database, empty caches) against a bare `astro build`
//   of the same pages: a minimal Astro project the bench writes from the generated HTML, each page fed
//   through `set:html`, built with the project's own Astro. Wall time and peak memory (max RSS) of each,
//   and their ratio from one run. Writes bench-results/startup.{md,json}.
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { repoRoot } from '../../generator/paths.ts';
import { buildRendererBundle, rendererBundleOn } from '../../generator/site/astro/renderer-bundle.ts';
import { rendererEntry } from '../../generator/site/astro/renderer-process.ts';
import { writeResults } from './results.ts';

const RUNS = 7;
const node = process.execPath;
const entry = join(repoRoot, 'scripts', 'dreamseed.ts');
const rssHook = join(repoRoot, 'scripts', 'bench', 'max-rss.ts');
const home = mkdtempSync(join(tmpdir(), 'ds-bench-startup-'));
const { DREAMSEED_DB: _db, ...inherited } = process.env;
const env = { ...inherited, DREAMSEED_HOME: home, NO_COLOR: '1' };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Run {
  ms: number;
  /** Peak resident memory: the sum of the command's processes' peaks. */
  maxRssMiB: number | null;
  processMiB: number[];
}

/** One whole process, timed from before its start to after its exit; with `rss`, its peak memory too. */
function run(
  command: string,
  args: string[],
  options: { cwd?: string; rss?: boolean; env?: Record<string, string> } = {},
): Run {
  const rssFile = join(home, `rss-${process.hrtime.bigint()}`);
  // The peak-memory hook goes on the command line of a `node` command, through NODE_OPTIONS for the shim.
  const withHook = options.rss && command === node ? ['--import', rssHook, ...args] : args;
  const started = performance.now();
  const r = spawnSync(command, withHook, {
    cwd: options.cwd ?? repoRoot,
    env: { ...env, ...options.env, DREAMSEED_BENCH_RSS: rssFile },
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  // One line per Node process of the command (`generate` renders its pages in a second one, at the same
  // time): the sum of their peaks bounds the memory the command holds at once.
  const peaks = options.rss ? readFileSync(rssFile, 'utf8').trim().split('\n').map(Number) : [];
  const mib = (kib: number) => Math.round(kib / 1024);
  return {
    ms,
    maxRssMiB: peaks.length ? mib(peaks.reduce((a, b) => a + b, 0)) : null,
    processMiB: peaks.map(mib),
  };
}

function repeated(command: string, args: string[]): number {
  run(command, args); // warm-up: file cache, npm's own caches
  return median(Array.from({ length: RUNS }, () => run(command, args).ms));
}

process.stderr.write(`bench: start-up, ${RUNS} runs each after one warm-up …\n`);
const help: [string, number][] = [
  ['node -e 0', repeated(node, ['-e', '0'])],
  ['npx node -e 0', repeated('npx', ['node', '-e', '0'])],
  ['node scripts/dreamseed.ts --help (the process itself)', repeated(node, [entry, '--help'])],
  ['./dreamseed --help (the shim)', repeated(join(repoRoot, 'dreamseed'), ['--help'])],
  ['npm run -s dreamseed -- --help', repeated('npm', ['run', '-s', 'dreamseed', '--', '--help'])],
  ['npx dreamseed --help', repeated('npx', ['dreamseed', '--help'])],
  ['./dreamseed generate --help', repeated(join(repoRoot, 'dreamseed'), ['generate', '--help'])],
];

// Five pairs: on a 2-core VM one pair's ratio moves by ±0.15 with what else the host runs; the median of five
// moves far less.
const PAIRS = 5;
// The renderer as `npm ci` leaves it: from its bundle (made now if missing or stale, so that no run in the
// pairs is one from source that then makes it in the background).
if (rendererBundleOn(env) && rendererEntry(env).endsWith('.ts')) await buildRendererBundle();
const renderer = rendererEntry(env);
process.stderr.write(
  `bench: a cold generate (fresh database and caches) against a bare astro build, ${PAIRS} pairs …\n`,
);
// As users type it (the shim: compile cache, V8 flags). Cold: a new process, a fresh database and empty
// caches. Then again in a new process: the caches warm, every section unchanged and reused. Then the bare
// build of the pages it wrote, in a fresh project. One pair after the other, so both meet the same machine.
const shim = join(repoRoot, 'dreamseed');
const pairs = Array.from({ length: PAIRS }, () => {
  const pairHome = mkdtempSync(join(tmpdir(), 'ds-bench-cold-'));
  const pairEnv = { DREAMSEED_HOME: pairHome };
  run(node, [entry, 'db', 'reset'], { env: pairEnv });
  const rssFlag = { ...pairEnv, NODE_OPTIONS: `--import="${rssHook}"` };
  const generate = run(shim, ['generate', '--demo', 'bakery'], { rss: true, env: rssFlag });
  const again = run(shim, ['generate', '--demo', 'bakery'], { rss: true, env: rssFlag });
  const bare = bareAstroProject(join(pairHome, 'sites', 'bakery'));
  // Telemetry off, as the generator's own builds have it (generator/site/astro/render-pages.ts).
  const astro = run(
    node,
    [join(repoRoot, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--silent'],
    {
      cwd: bare.root,
      rss: true,
      env: { ASTRO_TELEMETRY_DISABLED: '1' },
    },
  );
  rmSync(pairHome, { recursive: true, force: true });
  rmSync(bare.root, { recursive: true, force: true });
  return { generate, again, astro, pages: bare.pages, ratio: generate.ms / astro.ms };
});
const middle = [...pairs].sort((a, b) => a.ratio - b.ratio)[Math.floor(PAIRS / 2)]!;
const { generate, again, astro } = middle;
const bare = { pages: middle.pages };
const ratio = (a: Run) => `${(a.ms / astro.ms).toFixed(2)}×`;
const memory = (a: Run) => `${((a.maxRssMiB ?? 0) / (astro.maxRssMiB ?? 1)).toFixed(2)}×`;
const rss = (a: Run) =>
  `${a.maxRssMiB} MiB${a.processMiB.length > 1 ? ` (${a.processMiB.join(' + ')})` : ''}`;

/** A minimal Astro project rendering the built pages' HTML through `set:html`, with the project's Astro. */
function bareAstroProject(siteDir: string): { root: string; pages: string[] } {
  const root = mkdtempSync(join(tmpdir(), 'ds-bench-bare-astro-'));
  symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  writeFileSync(join(root, 'package.json'), '{ "type": "module", "private": true }\n');
  writeFileSync(join(root, 'astro.config.mjs'), 'export default {};\n');
  const pages = htmlFiles(siteDir);
  for (const page of pages) {
    const file = join(root, 'src', 'pages', page.replace(/\.html$/, '.astro'));
    mkdirSync(dirname(file), { recursive: true });
    const html = readFileSync(join(siteDir, page), 'utf8');
    writeFileSync(file, `---\nconst html = ${JSON.stringify(html)};\n---\n<Fragment set:html={html} />\n`);
  }
  return { root, pages };
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html') && statSync(join(dir, f)).isFile())
    .map((f) => relative(dir, join(dir, f)))
    .sort();
}

const ms = (n: number) => `${Math.round(n)} ms`;
const npxNode = help.find(([name]) => name === 'npx node -e 0')![1];
const md = [
  '# Start-up benchmark',
  '',
  `Machine: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}, ${new Date().toISOString()}. Whole processes, timed from outside.`,
  '',
  `| command | median of ${RUNS} | vs \`npx node -e 0\` |`,
  '|---|---|---|',
  ...help.map(([name, t]) => `| \`${name}\` | ${ms(t)} | ${(t / npxNode).toFixed(2)}× |`),
  '',
  `Targets: the process's own \`--help\` ≤ 150 ms; the command the README gives (\`./dreamseed\`) ≤ 2× \`npx node -e 0\`.`,
  '',
  `| build of the bakery (the pair with the median ratio of ${PAIRS}) | wall | peak RSS (sum over its processes) | vs bare Astro |`,
  '|---|---|---|---|',
  `| \`./dreamseed generate --demo bakery\`, cold: new process, fresh database, empty caches | ${ms(generate.ms)} | ${rss(generate)} | ${ratio(generate)} wall, ${memory(generate)} memory |`,
  `| the same again in a new process: caches warm, sections reused | ${ms(again.ms)} | ${rss(again)} | ${ratio(again)} wall, ${memory(again)} memory |`,
  `| bare \`astro build\` of the same ${bare.pages.length} pages (${bare.pages.join(', ')}) through \`set:html\` | ${ms(astro.ms)} | ${rss(astro)} | 1× |`,
  '',
  `Cold generate against the bare build, pair by pair: ${pairs
    .map((p) => `${ms(p.generate.ms)} / ${ms(p.astro.ms)} = ${p.ratio.toFixed(2)}×`)
    .join('; ')}.`,
  '',
  'Target: a cold generate within 1.5× of the bare build.',
  '',
  `The page renderer ran from ${renderer.endsWith('.ts') ? 'its TypeScript sources (no fresh bundle: `npm run bundle:renderer`)' : `its bundle (${relative(repoRoot, renderer)})`}.`,
  '',
].join('\n');
writeResults('startup', md, {
  help_ms: Object.fromEntries(help.map(([n, t]) => [n, Math.round(t)])),
  generate_cold: generate,
  generate_again: again,
  bare_astro_build: astro,
  ratio: { cold: generate.ms / astro.ms, again: again.ms / astro.ms },
  pairs: pairs.map((p) => ({
    generate_cold: p.generate,
    generate_again: p.again,
    bare: p.astro,
    ratio: p.ratio,
  })),
  pages: bare.pages,
  renderer: relative(repoRoot, renderer),
});
rmSync(home, { recursive: true, force: true });
