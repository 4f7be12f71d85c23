import { defineTheme } from '../../generator/catalog/define-theme.ts';

/** Nonprofits and community groups: large, highly legible text, plain shapes, clear calls to act. */
export default defineTheme({
  id: 'commons',
  name: 'Commons',
  description:
    'Open and highly legible for nonprofits and community groups: larger body text, a humanist sans, raised cards, bold bands that ask for help.',
  fonts: {
    body: "Verdana, 'DejaVu Sans', 'Segoe UI', system-ui, sans-serif",
    heading: "'Trebuchet MS', 'Segoe UI', system-ui, -apple-system, sans-serif",
  },
  type: {
    basePx: 19,
    ratio: 1.22,
    headingWeight: 700,
    bodyLineHeight: 1.65,
    headingLineHeight: 1.15,
    headingCase: 'none',
    headingTracking: 'normal',
  },
  space: { unitRem: 1.05, sectionRem: 5 },
  radius: { small: '4px', medium: '8px', large: '12px', button: '8px' },
  layout: { maxWidth: '68rem', measure: '64ch' },
  style: { buttonStyle: 'solid', cardStyle: 'raised', sectionDivider: 'band' },
});
