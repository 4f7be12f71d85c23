import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Help } from 'commander';
import { describe, expect, it } from 'vitest';
import { commandNamed, commandTable, createProgram } from '../../../generator/cli/program.ts';
import { repoRoot } from '../../../generator/paths.ts';
import { buildRendererBundle, freshRendererBundle } from '../../../generator/site/astro/renderer-bundle.ts';
import { cliEnv } from '../../helpers/cli.ts';
import { demoBundlePath } from '../../helpers/demo.ts';

/**
 * The CLI loads what a call needs and no more (generator/cli/program.ts):
 * `--help` and usage errors import neither Astro, sharp, the database drivers,
 * Lighthouse, OpenAI nor the catalogue. Asserted on the module graph the real
 * process loads (tests/helpers/module-log.ts records it), not on a time.
 */
const hook = join(repoRoot, 'tests', 'helpers', 'module-log.ts');
const entry = join(repoRoot, 'scripts', 'dreamseed.ts');
const home = mkdtempSync(join(tmpdir(), 'dreamseed-lazy-'));

const HEAVY: Record<string, RegExp> = {
  astro: /\/node_modules\/astro\//,
  sharp: /\/node_modules\/sharp\//,
  pglite: /\/node_modules\/@electric-sql\/pglite/,
  postgres: /\/node_modules\/postgres\//,
  lighthouse: /\/node_modules\/lighthouse\//,
  openai: /\/node_modules\/openai\//,
  'the catalogue': /\/(generator\/catalog|sections|templates|themes)\//,
  'the pipeline': /\/generator\/(pipeline|stages\/)/,
};

function modulesOf(args: string[], extraEnv: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'dreamseed-modules-'));
  const log = join(dir, 'modules.txt');
  const r = spawnSync(process.execPath, ['--import', hook, ...args], {
    cwd: repoRoot,
    env: cliEnv(home, { DREAMSEED_MODULE_LOG: log, ...extraEnv }),
    encoding: 'utf8',
    timeout: 60_000,
  });
  const modules = readFileSync(log, 'utf8').trim().split('\n');
  const children = readdirSync(dir)
    .filter((f) => f.startsWith('modules.txt.child-'))
    .map((f) => readFileSync(join(dir, f), 'utf8').trim().split('\n'));
  return { status: r.status, stderr: r.stderr, stdout: r.stdout, modules, children };
}

function heavyIn(modules: string[], except: string[] = []): string[] {
  return Object.entries(HEAVY)
    .filter(([name]) => !except.includes(name))
    .filter(([, pattern]) => modules.some((m) => pattern.test(m)))
    .map(([name]) => name);
}

describe('the CLI loads commands on use', { timeout: 120_000 }, () => {
  it('the recorder sees what a process loads (it can fail)', () => {
    const r = modulesOf(['--input-type=module', '-e', "await import('astro'); await import('sharp');"]);
    expect(r.status, r.stderr).toBe(0);
    expect(heavyIn(r.modules)).toEqual(expect.arrayContaining(['astro', 'sharp']));
  });

  it('`--help`, `--version` and an unknown command load commander and the command table only', () => {
    for (const args of [['--help'], ['--version'], ['help'], ['no-such-command']]) {
      const r = modulesOf([entry, ...args]);
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(args[0] === 'no-such-command' ? 2 : 0);
      expect(heavyIn(r.modules), args.join(' ')).toEqual([]);
      // Not even zod or a command's own declaration: just the table.
      expect(r.modules.filter((m) => /\/node_modules\/zod\/|\/generator\/cli\/commands\//.test(m))).toEqual(
        [],
      );
    }
    expect(existsSync(join(home, 'db'))).toBe(false);
  });

  it("every command's --help loads its declaration only", () => {
    for (const { name } of commandTable) {
      const r = modulesOf([entry, name, '--help']);
      expect(r.status, `${name} --help: ${r.stderr}`).toBe(0);
      expect(r.stdout).toContain(`Usage: dreamseed ${name}`);
      expect(heavyIn(r.modules), `${name} --help`).toEqual([]);
      expect(r.modules.some((m) => m.endsWith(`/generator/cli/${name}.ts`))).toBe(false);
    }
    expect(existsSync(join(home, 'db'))).toBe(false);
  });

  it('usage errors exit 2 before anything heavy is loaded or the database is opened', () => {
    const cases: [string[], RegExp][] = [
      [['generate', '--bogus'], /unknown option '--bogus'/],
      [['generate', '--demo'], /argument missing/],
      [['generate'], /exactly one of --demo SLUG, --user ID or --dna FILE/],
      [
        ['generate', '--demo', 'bakery', '--palette', '7'],
        /--palette must be a palette option number, 0 to 2/,
      ],
      [['generate', '--demo', 'bakery', '--writer', 'shakespeare'], /--writer must be one of/],
      [['brand', 'choose', '--user', 'bakery', 'two'], /N \(the option number\) must be a palette option/],
      [['sections', 'list'], /required option '--user <id>' not specified/],
      [['files', 'add', '--user', 'bakery', 'x.png', '--category', 'poster'], /Allowed choices are logo/],
    ];
    for (const [args, message] of cases) {
      const r = modulesOf([entry, ...args]);
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(heavyIn(r.modules), args.join(' ')).toEqual([]);
    }
    expect(existsSync(join(home, 'db'))).toBe(false);
  });

  it('`generate` loads Astro in the process that renders the pages, which it starts first, not in its own', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'dreamseed-lazy-site-')), 'site');
    // The renderer from source, whose modules the log names one by one (its bundle: the next test).
    const r = modulesOf([entry, 'generate', '--dna', demoBundlePath('bakery'), '--out', out], {
      DREAMSEED_RENDERER_BUNDLE: 'off',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    expect(heavyIn(r.modules)).not.toContain('astro');
    expect(heavyIn(r.modules)).toEqual(expect.arrayContaining(['sharp', 'the pipeline']));
    expect(r.children).toHaveLength(1);
    expect(r.children[0]!.some((m) => m.endsWith('/generator/site/astro/render-ahead-process.ts'))).toBe(
      true,
    );
    expect(heavyIn(r.children[0]!)).toContain('astro');
    // The renderer needs neither the database nor the image library.
    expect(heavyIn(r.children[0]!)).not.toContain('pglite');
    expect(heavyIn(r.children[0]!)).not.toContain('sharp');
    // Nor what `astro/config` loads for other projects' configs (the SVG optimiser, font providers): the
    // project's astro.config.mjs imports nothing of Astro's (about 280 modules fewer).
    expect(r.children[0]!.filter((m) => /\/node_modules\/(svgo|fontace)\//.test(m))).toEqual([]);
    expect(r.children[0]!.filter((m) => /\/node_modules\/astro\/dist\/config\//.test(m))).toEqual([]);
  });

  it('with a fresh renderer bundle, the renderer loads it instead of its sources and the modules they import', async () => {
    const bundle = freshRendererBundle() ?? (await buildRendererBundle()).entry;
    const out = join(mkdtempSync(join(tmpdir(), 'dreamseed-lazy-site-')), 'site');
    const r = modulesOf([entry, 'generate', '--dna', demoBundlePath('bakery'), '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    expect(r.children).toHaveLength(1);
    const child = r.children[0]!;
    expect(child).toContain(pathToFileURL(bundle).href);
    // Of the project's files, only what astro.config.mjs imports, which Astro loads as any project's config.
    expect(child.filter((m) => m.endsWith('.ts'))).toEqual([
      pathToFileURL(join(repoRoot, 'generator/site/astro/routes-integration.ts')).href,
    ]);
    // Astro's build code is in the bundle; what loads of Astro's files is the runtime the pages render with.
    expect(child.filter((m) => /\/node_modules\/astro\/dist\/core\/build\//.test(m))).toEqual([]);
    expect(heavyIn(child)).not.toContain('pglite');
    expect(heavyIn(child)).not.toContain('sharp');
  });

  it('`dna schema` needs the bundle schemas, not Astro, sharp or a database', () => {
    const r = modulesOf([entry, 'dna', 'schema']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).$schema).toMatch(/json-schema/);
    expect(r.modules.some((m) => /\/node_modules\/zod\//.test(m))).toBe(true);
    expect(heavyIn(r.modules)).toEqual([]);
  });
});

describe('the command table', () => {
  it('lists each command with the usage term and description its declaration gives', async () => {
    const program = await createProgram(['node', 'dreamseed'], { all: true });
    const help = new Help();
    for (const entry of commandTable) {
      const cmd = program.commands.find((c) => c.name() === entry.name)!;
      expect(help.subcommandTerm(cmd)).toBe(entry.usage ? `${entry.name} ${entry.usage}` : entry.name);
      expect(cmd.description()).toBe(entry.description);
      // A group declares sub-commands; a leaf command an action.
      expect(cmd.commands.length > 0 || cmd.options.length > 0 || cmd.registeredArguments.length > 0).toBe(
        true,
      );
    }
    expect(new Set(commandTable.map((e) => e.name)).size).toBe(commandTable.length);
  });

  it('names the command a command line calls', () => {
    expect(commandNamed(['generate', '--demo', 'bakery'])).toBe('generate');
    expect(commandNamed(['--help'])).toBeUndefined();
    expect(commandNamed(['help', 'publish'])).toBe('publish');
    expect(commandNamed(['-V'])).toBeUndefined();
  });
});
