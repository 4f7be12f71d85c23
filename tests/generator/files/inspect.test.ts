import fc from 'fast-check';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sanitiseFileName } from '../../../generator/files/file-name.ts';
import { inspectUpload } from '../../../generator/files/inspect.ts';
import { limits } from '../../../generator/files/limits.ts';
import {
  entitySvg,
  fixture,
  hostileNames,
  hostileSvg,
  htmlPage,
  jpegWithScript,
  pixelBomb,
  truncatedJpeg,
} from './hostile-uploads.ts';

/** Hostile uploads: each is refused with a reason naming the problem, or neutralised and said so. */
async function refusal(name: string, bytes: Buffer) {
  const r = await inspectUpload({ name, bytes });
  if (r.ok) throw new Error(`${name} was accepted`);
  expect(r.refusal.source).toBe(name);
  expect(r.refusal.hint.length).toBeGreaterThan(10);
  return r.refusal;
}

describe('inspectUpload refuses', () => {
  it('a pixel bomb, from its header, before decoding it', async () => {
    const r = await refusal('bomb.png', pixelBomb());
    expect(r.code).toBe('TOO_MANY_PIXELS');
    expect(r.reason).toMatch(/60000 × 60000 pixels .*limit is 40 MP/);
  });

  it('HTML named .png', async () => {
    const r = await refusal('photo.png', htmlPage);
    expect(r.code).toBe('NOT_AN_IMAGE');
    expect(r.reason).toMatch(/HTML/);
  });

  it('a JPEG with a script appended (a polyglot)', async () => {
    const r = await refusal('flower.jpg', jpegWithScript());
    expect(r.code).toBe('HIDDEN_MARKUP');
    expect(r.reason).toMatch(/after the end of the image/);
  });

  it.each([
    ['<svg/onload=alert(1)>', 'logo.png'],
    ['<?php system($_GET["c"]); ?>', 'logo.gif'],
    ['<iframe src="https://evil.example">', 'logo.webp'],
  ])('other payloads appended to an image (%s)', async (payload, name) => {
    const format = name.split('.')[1] as 'png' | 'gif' | 'webp';
    const image = await sharp(fixture('logo-vlc.png')).resize(64).toFormat(format).toBuffer();
    expect((await refusal(name, Buffer.concat([image, Buffer.from(payload)]))).code).toBe('HIDDEN_MARKUP');
  });

  it('markup hidden inside image metadata', async () => {
    const png = await sharp(fixture('logo-debian.png'))
      .withMetadata({ exif: { IFD0: { ImageDescription: '<script>alert(1)</script>' } } })
      .png()
      .toBuffer();
    const r = await refusal('logo.png', png);
    expect(r.code).toBe('HIDDEN_MARKUP');
    expect(r.reason).toMatch(/inside the image data/);
  });

  it('a truncated JPEG, and a JPEG that lost only its end marker', async () => {
    expect((await refusal('cut.jpg', truncatedJpeg())).code).toBe('TRUNCATED');
    const whole = fixture('photo-green-meadow.jpg');
    expect((await refusal('cut2.jpg', whole.subarray(0, whole.length - 2))).code).toBe('TRUNCATED');
  });

  it('damaged pixel data inside a complete file', async () => {
    const png = Buffer.from(fixture('logo-vlc.png'));
    const idat = png.indexOf('IDAT');
    for (let i = idat + 40; i < idat + 400; i++) png[i] = png[i]! ^ 0x5a;
    const r = await refusal('broken.png', png);
    expect(r.code).toBe('CORRUPT');
  });

  it('an empty file', async () => {
    expect((await refusal('empty.jpg', Buffer.alloc(0))).code).toBe('EMPTY');
  });

  it('formats off the allow-list, named by what they are', async () => {
    const tiff = await sharp(fixture('logo-debian.png')).tiff().toBuffer();
    const r = await refusal('scan.jpg', tiff);
    expect(r.code).toBe('FORMAT_NOT_ALLOWED');
    expect(r.reason).toMatch(/TIF/);
    expect(r.hint).toMatch(/JPEG, PNG, WebP, AVIF, GIF or SVG/);
  });

  it('an SVG declaring entities (billion laughs)', async () => {
    expect((await refusal('laughs.svg', entitySvg)).code).toBe('SVG_REFUSED');
  });

  it('files over the size limit and images too small to use', async () => {
    expect((await refusal('huge.jpg', Buffer.alloc(limits.maxBytes + 1, 0xff))).code).toBe('TOO_LARGE');
    const tiny = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c00' } })
      .png()
      .toBuffer();
    expect((await refusal('dot.png', tiny)).code).toBe('TOO_SMALL');
  });
});

describe('inspectUpload neutralises', () => {
  it('an SVG with script and event handlers: rasterised to PNG, nothing of the script kept', async () => {
    const r = await inspectUpload({ name: 'logo.svg', bytes: hostileSvg });
    if (!r.ok) throw new Error(r.refusal.reason);
    expect(r.file.mime).toBe('image/png');
    expect(r.file.ext).toBe('png');
    expect((await sharp(r.file.bytes).metadata()).format).toBe('png');
    const text = r.file.bytes.toString('latin1');
    for (const bad of ['<script', 'onload', 'onclick', 'javascript:', 'evil.example', '<svg'])
      expect(text).not.toContain(bad);
    expect(r.file.notes.join(' ')).toMatch(
      /<script> element.*event handlers \(onclick, onload, onmouseover\).*javascript: links/,
    );
    expect(r.file.facts.converted_from).toBe('image/svg+xml');
  });

  it('does not let an SVG pull in a local file', async () => {
    const r = await inspectUpload({ name: 'logo.svg', bytes: hostileSvg });
    if (!r.ok) throw new Error(r.refusal.reason);
    // The referenced Debian logo is crimson; the rectangle is blue and the circle white: no crimson pixels.
    const { data, info } = await sharp(r.file.bytes).raw().toBuffer({ resolveWithObject: true });
    let crimson = 0;
    for (let i = 0; i < data.length; i += info.channels)
      if (data[i]! > 150 && data[i + 1]! < 40 && data[i + 2]! < 90) crimson++;
    expect(crimson).toBe(0);
  });

  it('bytes appended after the image end (no markup): trimmed, and said so', async () => {
    const jpg = fixture('photo-warm-orange-flower.jpg');
    const r = await inspectUpload({
      name: 'flower.jpg',
      bytes: Buffer.concat([jpg, Buffer.from([0, 1, 2, 3])]),
    });
    if (!r.ok) throw new Error(r.refusal.reason);
    expect(r.file.bytes.equals(jpg)).toBe(true);
    expect(r.file.notes.join(' ')).toMatch(/4 bytes after the end/);
  });

  it('types from the bytes: a JPEG named .png is stored as .jpg, and a wrong declared type is noted', async () => {
    const r = await inspectUpload({
      name: 'dogs.png',
      bytes: fixture('photo-gps-rotated.jpg'),
      declaredType: 'image/png',
    });
    if (!r.ok) throw new Error(r.refusal.reason);
    expect(r.file.mime).toBe('image/jpeg');
    expect(r.file.storedName).toBe(`${r.file.sha256}.jpg`);
    expect(r.file.notes.join(' ')).toMatch(/Named "\.png" but the content is JPEG.*Declared as image\/png/);
    expect(r.file.facts.has_gps).toBe(true);
    expect([r.file.uprightWidth, r.file.uprightHeight]).toEqual([1065, 1600]);
  });

  it.each(hostileNames)(
    'a hostile file name (%j) becomes harmless metadata; the stored name is ours',
    async (name) => {
      const r = await inspectUpload({ name, bytes: fixture('logo-debian.png') });
      if (!r.ok) throw new Error(r.refusal.reason);
      expect(r.file.storedName).toMatch(/^[0-9a-f]{64}\.png$/);
      expect(r.file.originalName).not.toMatch(/[/\\<>\p{Cc}\p{Cf}]/u);
      expect(r.file.originalName).not.toMatch(/^\./);
      expect(Array.from(r.file.originalName).length).toBeLessThanOrEqual(limits.maxNameChars);
      expect(r.file.originalName.length).toBeGreaterThan(0);
    },
  );
});

describe('sanitiseFileName', () => {
  it('never keeps a path, a control or format character, or more than the limit', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 600 }), (raw) => {
        const { name } = sanitiseFileName(raw);
        expect(name.length).toBeGreaterThan(0);
        expect(name).not.toMatch(/[/\\<>:"|?*\p{Cc}\p{Cf}]/u);
        expect(name.startsWith('.')).toBe(false);
        expect(Array.from(name).length).toBeLessThanOrEqual(limits.maxNameChars);
      }),
      { numRuns: 500, seed: 3 },
    );
  });

  it('keeps an ordinary name and the extension of a long one', () => {
    expect(sanitiseFileName('Rosa logo (final).png')).toEqual({
      name: 'Rosa logo (final).png',
      changed: false,
    });
    expect(sanitiseFileName(`${'é'.repeat(300)}.jpeg`).name).toMatch(/…\.jpeg$/);
  });
});
