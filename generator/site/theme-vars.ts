import { type Palette, paletteRoles, type ThemeDefinition } from '../catalog/define-theme.ts';

/**
 * Turns a theme (type scale, spacing, radius, fonts) and a palette (colour
 * roles) into the CSS custom properties base.css and the sections read
 * (names without `--`). Sizes are fluid between a 320 px and a 1280 px
 * viewport, in rem plus vw so text still scales with the reader's font size.
 */

const MIN_VIEWPORT_PX = 320;
const MAX_VIEWPORT_PX = 1280;
const ROOT_PX = 16;
/** Smallest text allowed anywhere (fine print, eyebrows): 14 px. */
const SMALLEST_PX = 14;
/** The largest heading on a 320 px screen stays at or under 40 px, so a long word still fits. */
const MAX_MOBILE_RATIO = 1.2;
/** Upper-case words run about a fifth wider: their headings step more gently on phones. */
const MAX_MOBILE_RATIO_UPPERCASE = 1.15;
const DEFAULT_MONO = "ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace";
/** Multiples of the theme's spacing unit for space-1 … space-8. */
const SPACE_SCALE = [0.25, 0.5, 1, 1.5, 2, 3, 4, 6] as const;
/** From space-6 up, small screens get this share of the desktop space. */
const LARGE_SPACE_MOBILE_SHARE = 0.65;

const round = (n: number) => Number(n.toFixed(4));
const rem = (px: number) => `${round(px / ROOT_PX)}rem`;

/** A size that grows linearly from `minPx` at 320 px to `maxPx` at 1280 px. */
export function fluid(minPx: number, maxPx: number): string {
  const lo = Math.min(minPx, maxPx);
  const hi = Math.max(minPx, maxPx);
  if (round(hi - lo) === 0) return rem(hi);
  const slope = (hi - lo) / (MAX_VIEWPORT_PX - MIN_VIEWPORT_PX);
  const intercept = lo - slope * MIN_VIEWPORT_PX;
  return `clamp(${rem(lo)}, ${rem(intercept)} + ${round(slope * 100)}vw, ${rem(hi)})`;
}

/** Body size and heading ratio on the smallest screens. */
function mobileType(theme: ThemeDefinition): { basePx: number; ratio: number } {
  const { basePx, ratio } = theme.type;
  return {
    basePx: Math.min(basePx, Math.max(16, basePx - 2)),
    ratio: Math.min(
      ratio,
      theme.type.headingCase === 'uppercase' ? MAX_MOBILE_RATIO_UPPERCASE : MAX_MOBILE_RATIO,
      1 + (ratio - 1) * 0.6,
    ),
  };
}

/** The type scale as [min px, max px] per step, -1 … 5. */
export function typeScale(theme: ThemeDefinition): Record<string, [number, number]> {
  const small = mobileType(theme);
  const steps: Record<string, [number, number]> = {};
  for (let step = -1; step <= 5; step++) {
    let min = small.basePx * small.ratio ** step;
    let max = theme.type.basePx * theme.type.ratio ** step;
    if (step < 0) {
      min = Math.max(min, SMALLEST_PX);
      max = Math.max(max, SMALLEST_PX);
    }
    steps[`step-${step}`] = [Math.min(min, max), Math.max(min, max)];
  }
  return steps;
}

export function themeVars(theme: ThemeDefinition, palette: Palette): Record<string, string> {
  const vars: Record<string, string> = {
    'font-body': theme.fonts.body,
    'font-heading': theme.fonts.heading,
    'font-mono': theme.fonts.mono ?? DEFAULT_MONO,
  };
  for (const [name, [min, max]] of Object.entries(typeScale(theme))) vars[name] = fluid(min, max);
  Object.assign(vars, {
    'lh-body': String(theme.type.bodyLineHeight),
    'lh-heading': String(theme.type.headingLineHeight),
    'heading-weight': String(theme.type.headingWeight),
    'heading-case': theme.type.headingCase ?? 'none',
    'heading-tracking': theme.type.headingTracking ?? 'normal',
  });

  const unitPx = theme.space.unitRem * ROOT_PX;
  SPACE_SCALE.forEach((multiple, i) => {
    const max = unitPx * multiple;
    vars[`space-${i + 1}`] = i >= 5 ? fluid(max * LARGE_SPACE_MOBILE_SHARE, max) : rem(max);
  });
  const sectionPx = theme.space.sectionRem * ROOT_PX;
  vars['section-space'] = fluid(Math.max(2 * ROOT_PX, sectionPx * 0.55), sectionPx);
  vars.gutter = fluid(ROOT_PX, Math.max(ROOT_PX, 2 * unitPx));
  vars['max-width'] = theme.layout.maxWidth;
  vars.measure = theme.layout.measure;

  vars['radius-s'] = theme.radius.small;
  vars['radius-m'] = theme.radius.medium;
  vars['radius-l'] = theme.radius.large;
  vars['radius-button'] = theme.radius.button;

  for (const role of paletteRoles) vars[`color-${kebab(role)}`] = palette[role];
  return vars;
}

/**
 * The theme's visual character hints, keyed so the layout can set them as
 * `data-<key>` attributes on `<body>` (base.css styles `[data-card=bordered] .card`).
 */
export function themeStyle(theme: ThemeDefinition): Record<string, string> {
  return {
    button: theme.style.buttonStyle,
    card: theme.style.cardStyle,
    divider: theme.style.sectionDivider,
  };
}

function kebab(role: string): string {
  return role.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
