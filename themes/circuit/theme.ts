import { defineTheme } from '../../generator/catalog/define-theme.ts';

/** Tech and B2B: crisp system type, a dense grid, small radii, bordered cards and rules. */
export default defineTheme({
  id: 'circuit',
  name: 'Circuit',
  description:
    'Crisp and dense for software, consultancies and B2B: system UI type with tight tracking, compact spacing, bordered cards, thin rules.',
  fonts: {
    body: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif",
    heading: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif",
    mono: "ui-monospace, 'SFMono-Regular', 'Cascadia Mono', Menlo, Consolas, 'Liberation Mono', monospace",
  },
  type: {
    basePx: 16,
    ratio: 1.25,
    headingWeight: 700,
    bodyLineHeight: 1.55,
    headingLineHeight: 1.12,
    headingCase: 'none',
    headingTracking: '-0.02em',
  },
  space: { unitRem: 0.85, sectionRem: 4.5 },
  radius: { small: '3px', medium: '6px', large: '8px', button: '6px' },
  layout: { maxWidth: '76rem', measure: '66ch' },
  style: { buttonStyle: 'solid', cardStyle: 'bordered', sectionDivider: 'rule' },
});
