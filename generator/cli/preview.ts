import { existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import sirv from 'sirv';
import { errors } from '../errors.ts';
import { info, paint } from './output.ts';
import { serveLive } from './publish.ts';

/** Serves a built site on 127.0.0.1 (with the site's own 404 page). */
export function serveDirectory(dir: string, port: number): Promise<{ server: Server; url: string }> {
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw errors.usage(
      `${dir} is not a built site directory.`,
      'Build one first: dreamseed generate --demo bakery',
    );
  }
  const handler = sirv(root, { dev: false, etag: true, extensions: ['html'] });
  const notFound = sirv(root, { dev: false });
  const server = createServer((req, res) => {
    handler(req, res, () => {
      res.statusCode = 404;
      req.url = '/404.html';
      notFound(req, res, () => {
        res.end('Not found');
      });
    });
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolvePromise({ server, url: `http://127.0.0.1:${actual}/` });
    });
  });
}

export function registerPreviewCommand(program: Command): void {
  program
    .command('preview')
    .description('serve a built site on 127.0.0.1')
    .argument('[dir]', 'the site directory (printed by `dreamseed generate`)')
    .option('--port <n>', 'port (0 picks a free one)', '4321')
    .option('--live', 'serve what is live on the local deploy target (with --user), as visitors get it')
    .option('--user <id>', 'the founder whose live site to serve (with --live)')
    .action(async (dir: string | undefined, flags: { port: string; live?: boolean; user?: string }) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw errors.usage(`--port ${flags.port} is not a port number.`, 'Use 0–65535.');
      if (flags.live || flags.user) {
        if (!flags.live || !flags.user || dir)
          throw errors.usage(
            'Serve a live site with --live --user ID (and no directory).',
            'Example: dreamseed preview --live --user bakery',
          );
        const live = await serveLive(flags.user, port);
        info(
          `${paint('green', 'Serving')} what is live for ${live.slug} at ${paint('bold', live.url)} (follows publishes and rollbacks) — press Ctrl-C to stop.`,
        );
        process.stdout.write(`${live.url}\n`);
        await new Promise(() => {});
      }
      if (!dir)
        throw errors.usage(
          'preview needs a site directory, or --live --user ID.',
          'Example: dreamseed preview .dreamseed/sites/bakery',
        );
      const { url } = await serveDirectory(dir, port);
      info(`${paint('green', 'Serving')} ${dir} at ${paint('bold', url)} — press Ctrl-C to stop.`);
      process.stdout.write(`${url}\n`);
      await new Promise(() => {});
    });
}
