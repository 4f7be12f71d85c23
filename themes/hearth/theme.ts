import { defineTheme } from '../../generator/catalog/define-theme.ts';

/** Food and retail: warm and friendly, rounded buttons, soft surface cards, coloured bands. */
export default defineTheme({
  id: 'hearth',
  name: 'Hearth',
  description:
    'Warm and welcoming for bakeries, cafés and shops: friendly rounded headings, rounded buttons and cards, colour bands.',
  fonts: {
    body: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif",
    heading:
      "ui-rounded, 'Arial Rounded MT Bold', 'Trebuchet MS', system-ui, -apple-system, 'Segoe UI', sans-serif",
  },
  type: {
    basePx: 17,
    ratio: 1.28,
    headingWeight: 700,
    bodyLineHeight: 1.6,
    headingLineHeight: 1.12,
    headingCase: 'none',
    headingTracking: '-0.01em',
  },
  space: { unitRem: 1, sectionRem: 5 },
  radius: { small: '6px', medium: '12px', large: '20px', button: '14px' },
  layout: { maxWidth: '70rem', measure: '64ch' },
  style: { buttonStyle: 'solid', cardStyle: 'flat', sectionDivider: 'band' },
});
