import { defineTheme } from '../../generator/catalog/define-theme.ts';

/** Wellness: soft rounded shapes, airy spacing, gentle medium-weight headings, pill buttons. */
export default defineTheme({
  id: 'calm',
  name: 'Calm',
  description:
    'Soft and airy for yoga, therapy and care: rounded type where the system has it, large radii, pill buttons, lots of space.',
  fonts: {
    body: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif",
    heading:
      "ui-rounded, 'SF Pro Rounded', 'Hiragino Maru Gothic ProN', system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  },
  type: {
    basePx: 18,
    ratio: 1.2,
    headingWeight: 500,
    bodyLineHeight: 1.75,
    headingLineHeight: 1.25,
    headingCase: 'none',
    headingTracking: 'normal',
  },
  space: { unitRem: 1.15, sectionRem: 6.5 },
  radius: { small: '10px', medium: '18px', large: '28px', button: '999px' },
  layout: { maxWidth: '66rem', measure: '60ch' },
  style: { buttonStyle: 'pill', cardStyle: 'raised', sectionDivider: 'none' },
});
