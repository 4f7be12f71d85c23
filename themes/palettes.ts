import type { Palette } from '../generator/catalog/define-theme.ts';
import type { Archetype } from '../generator/dna/schema.ts';

/**
 * Default colour palettes per brand archetype, used until the brand stage
 * derives colours from the founder's media. Every palette is light and meets
 * WCAG 2.2 (checked in tests/themes/palettes.test.ts with colorjs.io):
 * text, muted and link ≥ 4.5 on bg and surface; onPrimary ≥ 4.5 on primary;
 * primary, accent, borderStrong and focus ≥ 3 on bg (focus also on surface).
 *
 * Made in OKLCH: a tinted near-white bg and surface in the archetype's neutral
 * hue, then each role at the lightest value that still meets its ratio with a
 * margin, rounded to hex. Focus deliberately uses a hue apart from primary so
 * the ring is seen next to buttons.
 */
export const archetypePalettes: Readonly<Record<Archetype, Palette>> = {
  /** Warm cream with a calm teal and a soft coral: reassuring, gentle. */
  caregiver: {
    bg: '#fefaf3',
    surface: '#f7efe3',
    text: '#261e11',
    muted: '#706553',
    primary: '#00706c',
    onPrimary: '#ffffff',
    accent: '#c9593d',
    link: '#00706c',
    border: '#e0d6c6',
    borderStrong: '#8f8472',
    focus: '#277de0',
  },
  /** Lavender-white with a vivid violet and a tangerine accent: expressive. */
  creator: {
    bg: '#fcf8ff',
    surface: '#f4edf9',
    text: '#231c28',
    muted: '#6c6274',
    primary: '#6d37ae',
    onPrimary: '#ffffff',
    accent: '#cf630d',
    link: '#6d37ae',
    border: '#dcd3e4',
    borderStrong: '#8c8194',
    focus: '#0087aa',
  },
  /** Warm paper with honest denim blue and a mustard accent: friendly, plain. */
  everyman: {
    bg: '#fff9f1',
    surface: '#f9eee1',
    text: '#281d0e',
    muted: '#736450',
    primary: '#1d5b92',
    onPrimary: '#ffffff',
    accent: '#b46e00',
    link: '#1d5b92',
    border: '#e3d5c2',
    borderStrong: '#93836e',
    focus: '#d55140',
  },
  /** Sand with forest green and a burnt-orange accent: outdoors, earthy. */
  explorer: {
    bg: '#fbfbf0',
    surface: '#f2f1de',
    text: '#21200f',
    muted: '#696750',
    primary: '#286037',
    onPrimary: '#ffffff',
    accent: '#c0571e',
    link: '#286037',
    border: '#dad9bf',
    borderStrong: '#89876a',
    focus: '#007fdc',
  },
  /** Cool white with a strong signal red and a navy accent: urgent, capable. */
  hero: {
    bg: '#f7fafe',
    surface: '#ebf1f7',
    text: '#1b2026',
    muted: '#606771',
    primary: '#c2181d',
    onPrimary: '#ffffff',
    accent: '#264a8e',
    link: '#c2181d',
    border: '#d1d8e1',
    borderStrong: '#7e8691',
    focus: '#277de0',
  },
  /** Airy sky-white with a clear blue and a rose accent: simple, optimistic. */
  innocent: {
    bg: '#f5fbfe',
    surface: '#e7f2f8',
    text: '#152126',
    muted: '#586971',
    primary: '#0070a6',
    onPrimary: '#ffffff',
    accent: '#c85e83',
    link: '#00699f',
    border: '#cadbe2',
    borderStrong: '#768890',
    focus: '#836ade',
  },
  /** Sunny cream with a playful magenta and a teal accent: fun, bright. */
  jester: {
    bg: '#fdfaf0',
    surface: '#f5f0de',
    text: '#241f0e',
    muted: '#6c664f',
    primary: '#b22578',
    onPrimary: '#ffffff',
    accent: '#008e8e',
    link: '#b22578',
    border: '#ded8be',
    borderStrong: '#8d8669',
    focus: '#3c7ae2',
  },
  /** Blush white with a deep wine and an antique-gold accent: intimate, rich. */
  lover: {
    bg: '#fff7f7',
    surface: '#ffebea',
    text: '#2c1919',
    muted: '#7a5f5e',
    primary: '#811839',
    onPrimary: '#ffffff',
    accent: '#ad7130',
    link: '#811839',
    border: '#ebd0cf',
    borderStrong: '#9b7e7d',
    focus: '#3c7ae2',
  },
  /** Periwinkle-white with indigo and a teal accent: transformative. */
  magician: {
    bg: '#faf9ff',
    surface: '#efeefe',
    text: '#1f1d2d',
    muted: '#656379',
    primary: '#4739a8',
    onPrimary: '#ffffff',
    accent: '#008f83',
    link: '#4739a8',
    border: '#d7d5eb',
    borderStrong: '#85839b',
    focus: '#008b85',
  },
  /** Off-white with near-black and a hot red for links and accents: bold, stark. */
  outlaw: {
    bg: '#fdf9f7',
    surface: '#f5efea',
    text: '#241e19',
    muted: '#6d655e',
    primary: '#2b2120',
    onPrimary: '#ffffff',
    accent: '#d42325',
    link: '#c41c1f',
    border: '#ded6cf',
    borderStrong: '#8d847d',
    focus: '#277de0',
  },
  /** Cool white with deep navy and a gold accent: established, authoritative. */
  ruler: {
    bg: '#f7faff',
    surface: '#ebf0fa',
    text: '#1a1f29',
    muted: '#5f6674',
    primary: '#152e5d',
    onPrimary: '#ffffff',
    accent: '#a1790c',
    link: '#152e5d',
    border: '#d0d8e5',
    borderStrong: '#7e8694',
    focus: '#0080d7',
  },
  /** Pale mist with a deep petrol blue and an amber accent: clear, expert. */
  sage: {
    bg: '#f5fbfd',
    surface: '#e7f2f5',
    text: '#162124',
    muted: '#59696e',
    primary: '#005565',
    onPrimary: '#ffffff',
    accent: '#aa691b',
    link: '#005565',
    border: '#cbdbdf',
    borderStrong: '#77888d',
    focus: '#d65141',
  },
};

/** Slate and blue-grey: the fallback when the DNA has no archetype. */
export const neutralPalette: Palette = {
  bg: '#f8fafd',
  surface: '#ecf1f6',
  text: '#1b2025',
  muted: '#60676f',
  primary: '#354962',
  onPrimary: '#ffffff',
  accent: '#228a8f',
  link: '#354962',
  border: '#d1d8e0',
  borderStrong: '#7f868e',
  focus: '#277de0',
};

/** The archetype's palette, or the neutral one when the DNA has no (known) archetype. */
export function paletteFor(archetype: Archetype | null | undefined): Palette {
  if (archetype && Object.hasOwn(archetypePalettes, archetype)) return archetypePalettes[archetype];
  return neutralPalette;
}
