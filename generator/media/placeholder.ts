import type { Sharp } from 'sharp';

/**
 * A blur placeholder: the image shrunk to PLACEHOLDER_WIDTH px wide, softened
 * and encoded as a tiny WebP data URI (about 100–300 bytes). The page paints it
 * as the image's background until the real image arrives; browsers smooth it
 * when they scale it up, which reads as a blur.
 */
export const PLACEHOLDER_WIDTH = 16;

export async function blurPlaceholder(image: Sharp): Promise<string> {
  const data = await image
    .clone()
    .resize({ width: PLACEHOLDER_WIDTH, height: PLACEHOLDER_WIDTH, fit: 'inside' })
    .flatten({ background: '#ffffff' })
    .blur(0.6)
    .webp({ quality: 50, effort: 4, smartSubsample: true })
    .toBuffer();
  return `data:image/webp;base64,${data.toString('base64')}`;
}
