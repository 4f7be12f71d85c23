import type { Palette } from '../catalog/define-theme.ts';
import { contrastFailures } from './contrast-pairs.ts';
import { Contrast, type HctColor, hexFromHct, hueDistance, toneOfHex } from './hct.ts';

/**
 * Colour roles from brand seeds that keep the brand's hue and always meet
 * WCAG 2.2. Every role is an HCT colour: hue from the brand (neutrals carry a
 * faint tint of it), chroma from the brand where the role is colourful, and a
 * tone. A contrast ratio depends on tone alone, so each role takes the tone
 * nearest the one it would like (for the primary: the seed's own tone) among
 * the tones that meet its ratios against the roles it sits on; the check is
 * made on the rounded hex, with a small margin so other WCAG calculators agree.
 */
export type Mode = 'light' | 'dark';

export interface RoleSeeds {
  primary: HctColor;
  accent: HctColor | null;
}

export interface RoleSettings {
  mode?: Mode;
  /** Tone the primary should sit at (default: the primary seed's own tone). */
  primaryTone?: number;
  /** How much of the brand hue the neutrals carry, 0..2 (default 1). */
  tint?: number;
}

const MARGIN = 0.05;
const TEXT = 4.5 + MARGIN;
const NON_TEXT = 3 + MARGIN;
const STEP = 0.25;

/** Tones of the neutral roles per mode. */
const NEUTRAL_TONES: Record<
  Mode,
  Record<'bg' | 'surface' | 'border' | 'text' | 'muted' | 'strong', number>
> = {
  light: { bg: 98.5, surface: 95, border: 87, text: 12, muted: 42, strong: 56 },
  dark: { bg: 8, surface: 14, border: 28, text: 94, muted: 74, strong: 62 },
};

/** Focus rings are blue, or a warm red where the brand itself is blue. */
const FOCUS_HUES = [268, 30];
const FOCUS_CHROMA = 64;

interface Constraint {
  hex: string;
  ratio: number;
}

const meets = (hex: string, constraints: Constraint[]) => {
  const tone = toneOfHex(hex);
  return constraints.every((c) => Contrast.ratioOfTones(tone, toneOfHex(c.hex)) >= c.ratio);
};

/**
 * The hex of (hue, chroma) at the tone nearest `preferred` for which `accept`
 * holds; tones are tried outwards from the preferred one.
 */
function nearestTone(
  hue: number,
  chroma: number,
  preferred: number,
  accept: (hex: string) => boolean,
): string | null {
  const start = Math.min(100, Math.max(0, preferred));
  for (let d = 0; d <= 100; d += STEP) {
    for (const tone of d === 0 ? [start] : [start - d, start + d]) {
      if (tone < 0 || tone > 100) continue;
      const hex = hexFromHct(hue, chroma, tone);
      if (accept(hex)) return hex;
    }
  }
  return null;
}

function toneFor(hue: number, chroma: number, preferred: number, constraints: Constraint[]): string {
  const hex = nearestTone(hue, chroma, preferred, (h) => meets(h, constraints));
  if (hex) return hex;
  // Only reachable with impossible constraints: black or white always reach 4.5:1 on a tone-8 or tone-95 ground.
  throw new Error(`No tone of hue ${hue.toFixed(0)} meets ${constraints.map((c) => c.ratio).join(', ')}`);
}

export function deriveRoles(seeds: RoleSeeds, settings: RoleSettings = {}): Palette {
  const mode = settings.mode ?? 'light';
  const tones = NEUTRAL_TONES[mode];
  const tint = Math.min(2, Math.max(0, settings.tint ?? 1));
  const { hue, chroma } = seeds.primary;
  const neutral = (share: number, cap: number) => Math.min(cap, chroma * share) * tint;

  const bg = hexFromHct(hue, neutral(0.05, 3), tones.bg);
  const surface = hexFromHct(hue, neutral(0.1, 6), tones.surface);
  const grounds = (ratio: number): Constraint[] => [
    { hex: bg, ratio },
    { hex: surface, ratio },
  ];
  const text = toneFor(hue, neutral(0.12, 8), tones.text, grounds(TEXT));
  const muted = toneFor(hue, neutral(0.2, 12), tones.muted, grounds(TEXT));
  const border = hexFromHct(hue, neutral(0.15, 8), tones.border);
  const borderStrong = toneFor(hue, neutral(0.2, 12), tones.strong, grounds(NON_TEXT));

  const { primary, onPrimary } = primaryPair(seeds.primary, settings.primaryTone, mode, grounds(NON_TEXT));
  const link = toneFor(hue, chroma, toneOfHex(primary), grounds(TEXT));

  const accentSeed = seeds.accent ?? { hue: (hue + 60) % 360, chroma: Math.max(chroma, 36), tone: 50 };
  const accent = toneFor(accentSeed.hue, accentSeed.chroma, accentSeed.tone, grounds(NON_TEXT));

  const focusHue = FOCUS_HUES.find((h) => chroma < 12 || hueDistance(h, hue) > 50) ?? FOCUS_HUES[0]!;
  const focus = toneFor(focusHue, FOCUS_CHROMA, mode === 'light' ? 50 : 70, grounds(NON_TEXT));

  const palette: Palette = {
    bg,
    surface,
    text,
    muted,
    primary,
    onPrimary,
    accent,
    link,
    border,
    borderStrong,
    focus,
  };
  const failures = contrastFailures(palette);
  if (failures.length) {
    throw new Error(`Derived palette fails ${failures.map((f) => `${f.fg}/${f.bg} ${f.ratio}`).join(', ')}`);
  }
  return palette;
}

/**
 * The primary (a button fill, a band) and the text on it. The primary must
 * stand 3:1 off the page; its label 4.5:1 off the primary. Labels are white, or
 * near-black when the brand colour is itself light (amber, lime, sky): a light
 * brand colour then keeps its brightness instead of being darkened to brown.
 */
function primaryPair(
  seed: HctColor,
  preferredTone: number | undefined,
  mode: Mode,
  grounds: Constraint[],
): { primary: string; onPrimary: string } {
  const light = '#ffffff';
  const dark = hexFromHct(seed.hue, Math.min(seed.chroma, 10), 8);
  const labels = mode === 'dark' || seed.tone >= 60 ? [light, dark] : [light];
  const labelFor = (hex: string) => {
    const ranked = labels
      .map((label) => ({ label, ok: meets(label, [{ hex, ratio: TEXT }]), tone: toneOfHex(label) }))
      .filter((l) => l.ok)
      .sort((a, b) => Math.abs(b.tone - toneOfHex(hex)) - Math.abs(a.tone - toneOfHex(hex)));
    return ranked[0]?.label ?? null;
  };
  const primary = nearestTone(
    seed.hue,
    seed.chroma,
    preferredTone ?? seed.tone,
    (hex) => meets(hex, grounds) && labelFor(hex) !== null,
  );
  if (!primary) throw new Error(`No tone of hue ${seed.hue.toFixed(0)} works as a primary`);
  return { primary, onPrimary: labelFor(primary)! };
}
