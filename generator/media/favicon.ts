import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Palette } from '../catalog/define-theme.ts';
import { openImage } from './decode.ts';
import { icoFromPngs } from './ico.ts';

/**
 * Site icons. From the logo: favicon.png (48 px, transparent), favicon.ico
 * (16/32/48) and apple-touch-icon.png (180 px on the page colour: iOS fills
 * transparency with black and rounds the corners itself). Without a logo: the
 * business's initial in the brand colour, as favicon.svg plus the same ICO and
 * touch icon. Every file is re-encoded from pixels, so no logo metadata ships.
 * Icons are cached by what they are made from (the logo's hash and the page
 * colour, or the monogram's SVG), so a rebuild with the same logo costs a hash.
 */
export interface Favicon {
  /** Site path of the icon the pages link. */
  path: string;
  files: { name: string; data: Buffer | string }[];
}

const ICO_SIZES = [16, 32, 48];
const TOUCH_SIZE = 180;
/** Share of the touch icon the logo may fill; the rest is margin. */
const TOUCH_FILL = 0.78;
const TRANSPARENT = { r: 0, g: 0, b: 0, alpha: 0 };

const CACHE_VERSION = 1;

/** Icons from the cache folder `dir`, made by `make` when the key is new. */
async function cachedIcons(
  dir: string | undefined,
  key: string,
  make: () => Promise<Favicon>,
): Promise<Favicon> {
  const sorted = (icon: Favicon): Favicon => ({
    ...icon,
    files: [...icon.files].sort((a, b) => a.name.localeCompare(b.name)),
  });
  if (!dir) return sorted(await make());
  const folder = join(
    dir,
    `${createHash('sha256').update(`${CACHE_VERSION}\0${key}`).digest('hex').slice(0, 24)}`,
  );
  const manifest = join(folder, 'icon.json');
  if (existsSync(manifest)) {
    const { path, text } = JSON.parse(await readFile(manifest, 'utf8')) as { path: string; text: string[] };
    const names = (await readdir(folder)).filter((n) => n !== 'icon.json');
    return sorted({
      path,
      files: await Promise.all(
        names.map(async (name) => ({
          name,
          data: text.includes(name)
            ? await readFile(join(folder, name), 'utf8')
            : await readFile(join(folder, name)),
        })),
      ),
    });
  }
  const icon = await make();
  const tmp = `${folder}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(tmp, { recursive: true });
  for (const f of icon.files) await writeFile(join(tmp, f.name), f.data);
  const text = icon.files.filter((f) => typeof f.data === 'string').map((f) => f.name);
  await writeFile(join(tmp, 'icon.json'), JSON.stringify({ path: icon.path, text }));
  await rename(tmp, folder).catch(() => rm(tmp, { recursive: true, force: true }));
  return sorted(icon);
}

/** The icon the pages link: the logo's, or the monogram's when there is no logo. */
export function faviconPath(fromLogo: boolean): string {
  return fromLogo ? '/favicon.png' : '/favicon.svg';
}

export function logoFavicon(logo: Buffer, palette: Palette, cacheDir?: string): Promise<Favicon> {
  const key = `logo\0${createHash('sha256').update(logo).digest('hex')}\0${palette.bg}`;
  return cachedIcons(cacheDir, key, () => makeLogoIcons(logo, palette));
}

async function makeLogoIcons(logo: Buffer, palette: Palette): Promise<Favicon> {
  const mark = await trimmed(logo);
  const square = (size: number) =>
    sharp(mark)
      .resize({ width: size, height: size, fit: 'contain', background: TRANSPARENT })
      .png({ compressionLevel: 9 })
      .toBuffer();
  const inner = Math.round(TOUCH_SIZE * TOUCH_FILL);
  const pad = Math.floor((TOUCH_SIZE - inner) / 2);
  const padded = await sharp(mark)
    .resize({ width: inner, height: inner, fit: 'contain', background: TRANSPARENT })
    .extend({
      top: pad,
      left: pad,
      bottom: TOUCH_SIZE - inner - pad,
      right: TOUCH_SIZE - inner - pad,
      background: TRANSPARENT,
    })
    .png()
    .toBuffer();
  // A second pipeline: sharp flattens before it resizes and extends, which would leave the margins transparent.
  const touch = await sharp(padded)
    .flatten({ background: palette.bg })
    .png({ compressionLevel: 9 })
    .toBuffer();
  const icons = await Promise.all(ICO_SIZES.map(async (size) => ({ size, png: await square(size) })));
  return {
    path: faviconPath(true),
    files: [
      { name: 'favicon.png', data: icons.at(-1)!.png },
      { name: 'favicon.ico', data: icoFromPngs(icons) },
      { name: 'apple-touch-icon.png', data: touch },
    ],
  };
}

/** The logo upright, as PNG, with transparent or flat margins trimmed so the mark fills the icon. */
async function trimmed(logo: Buffer): Promise<Buffer> {
  const { image } = await openImage(logo);
  const png = await image.png().toBuffer();
  try {
    return await sharp(png).trim({ threshold: 8 }).png().toBuffer();
  } catch {
    // A logo of one flat colour has nothing to trim.
    return png;
  }
}

export function monogramFavicon(name: string, palette: Palette, cacheDir?: string): Promise<Favicon> {
  const key = `monogram\0${name}\0${palette.primary}\0${palette.onPrimary}`;
  return cachedIcons(cacheDir, key, () => makeMonogramIcons(name, palette));
}

async function makeMonogramIcons(name: string, palette: Palette): Promise<Favicon> {
  const initial = Array.from(name.replace(/^(the|a|an)\s+/i, '')).find((c) => /[\p{L}\p{N}]/u.test(c)) ?? '•';
  const escaped = initial.toLocaleUpperCase('en').replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const svg = (radius: number) =>
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="${radius}" fill="${palette.primary}"/><text x="32" y="44" text-anchor="middle" font-family="system-ui,sans-serif" font-size="34" font-weight="700" fill="${palette.onPrimary}">${escaped}</text></svg>`;
  const raster = (size: number, radius: number) =>
    sharp(Buffer.from(svg(radius)), { density: (72 * size) / 64 })
      .resize(size, size)
      .png({ compressionLevel: 9 })
      .toBuffer();
  const icons = await Promise.all(ICO_SIZES.map(async (size) => ({ size, png: await raster(size, 14) })));
  return {
    path: faviconPath(false),
    files: [
      { name: 'favicon.svg', data: svg(14) },
      { name: 'favicon.ico', data: icoFromPngs(icons) },
      { name: 'apple-touch-icon.png', data: await raster(TOUCH_SIZE, 0) },
    ],
  };
}
