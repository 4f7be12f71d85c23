import { defineTheme } from '../../generator/catalog/define-theme.ts';

/** Professional services: serif headings, a generous measure, quiet rules between sections. */
export default defineTheme({
  id: 'counsel',
  name: 'Counsel',
  description:
    'Restrained and trustworthy for law, accounting and advisers: serif headings, long comfortable lines, flat cards and thin rules.',
  fonts: {
    body: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif",
    heading: "ui-serif, Georgia, 'Times New Roman', serif",
  },
  type: {
    basePx: 18,
    ratio: 1.25,
    headingWeight: 400,
    bodyLineHeight: 1.7,
    headingLineHeight: 1.2,
    headingCase: 'none',
    headingTracking: '-0.005em',
  },
  space: { unitRem: 1, sectionRem: 5.5 },
  radius: { small: '2px', medium: '4px', large: '6px', button: '4px' },
  layout: { maxWidth: '68rem', measure: '70ch' },
  style: { buttonStyle: 'solid', cardStyle: 'flat', sectionDivider: 'rule' },
});
