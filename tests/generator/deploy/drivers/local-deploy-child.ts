// A real process that deploys a directory to the local target, for the kill tests: with a pause point it
// prints "PAUSED <phase>" when the deploy reaches it and then waits, so the test can SIGKILL it exactly there.
// Usage: node local-deploy-child.ts ROOT SLUG DIR [upload:N | staged | none]
import { createLocalDriver } from '../../../../generator/deploy/drivers/local.ts';
import { readManifest } from '../../../../generator/deploy/manifest.ts';

const [root, slug, dir, pauseAt = 'none'] = process.argv.slice(2);
const driver = createLocalDriver({ root: root!, keep: 10 });
const site = await driver.prepare({ slug: slug!, remote: null });
const manifest = await readManifest(dir!);
const pause = async (label: string) => {
  process.stdout.write(`PAUSED ${label}\n`);
  await new Promise(() => {});
};
const result = await driver.deploy({
  site,
  dir: dir!,
  manifest,
  live: true,
  message: 'child',
  onProgress: async (event) => {
    if (event.phase === 'upload' && pauseAt === `upload:${event.done}`) await pause(pauseAt);
    if (event.phase === 'staged' && pauseAt === 'staged') await pause(pauseAt);
  },
});
process.stdout.write(`DONE ${result.deployId}\n`);
