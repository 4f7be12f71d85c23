import { defineTheme } from '../../generator/catalog/define-theme.ts';

/** Trades and local services: bold, compact, square corners, strong upper-case headings. */
export default defineTheme({
  id: 'sturdy',
  name: 'Sturdy',
  description:
    'Bold and compact for trades and local services: heavy upper-case headings, square corners, bordered cards, solid bands.',
  fonts: {
    body: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif",
    heading: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  },
  type: {
    basePx: 17,
    ratio: 1.3,
    headingWeight: 800,
    bodyLineHeight: 1.55,
    headingLineHeight: 1.08,
    headingCase: 'uppercase',
    headingTracking: '0.01em',
  },
  space: { unitRem: 0.9, sectionRem: 4 },
  radius: { small: '2px', medium: '3px', large: '4px', button: '3px' },
  layout: { maxWidth: '72rem', measure: '62ch' },
  style: { buttonStyle: 'solid', cardStyle: 'bordered', sectionDivider: 'band' },
});
