import { defineTheme } from '../../generator/catalog/define-theme.ts';

/** Creative portfolios: large display type, wide canvas for images, minimal chrome, no ornament. */
export default defineTheme({
  id: 'gallery',
  name: 'Gallery',
  description:
    'Minimal and image-first for photographers and designers: large high-contrast serif display type, wide layout, square edges, outline buttons.',
  fonts: {
    body: "'Helvetica Neue', Helvetica, Arial, system-ui, sans-serif",
    heading: "Didot, 'Bodoni MT', 'Iowan Old Style', 'Palatino Linotype', Palatino, ui-serif, Georgia, serif",
  },
  type: {
    basePx: 17,
    ratio: 1.36,
    headingWeight: 400,
    bodyLineHeight: 1.6,
    headingLineHeight: 1.05,
    headingCase: 'none',
    headingTracking: '-0.02em',
  },
  space: { unitRem: 1, sectionRem: 7 },
  radius: { small: '0', medium: '0', large: '0', button: '0' },
  layout: { maxWidth: '84rem', measure: '58ch' },
  style: { buttonStyle: 'outline', cardStyle: 'flat', sectionDivider: 'none' },
});
