import { defineTemplate } from '../../generator/catalog/define-template.ts';

/**
 * Bakeries, cafés and shops: a big picture hero, what is on the counter, what
 * makes the place different, photos and what customers say; the story (and why
 * the founder started) on its own page, and a contact page with hours, address and the usual questions.
 */
export default defineTemplate({
  id: 'food-retail',
  name: 'Food & shop',
  description:
    'Warm and photo-forward for bakeries, cafés, restaurants and shops: products and pictures up front, the founder story, and hours and address where customers look for them.',
  theme: 'hearth',
  chrome: { header: 'bar', footer: 'columns' },
  pages: [
    {
      slug: '',
      label: 'Home',
      sections: [
        { type: 'hero', variant: 'banner', required: true },
        { type: 'services', variant: 'grid' },
        { type: 'how_different', variant: 'band' },
        { type: 'gallery', variant: 'grid' },
        { type: 'testimonials', variant: 'quotes' },
        { type: 'cta', variant: 'panel' },
      ],
    },
    {
      slug: 'about',
      label: 'About',
      sections: [
        { type: 'about', variant: 'story', required: true },
        { type: 'what_problem', variant: 'statement' },
        { type: 'who_serves', variant: 'statement' },
        { type: 'credentials', variant: 'badges' },
      ],
    },
    {
      slug: 'contact',
      label: 'Contact',
      sections: [
        { type: 'contact', variant: 'split', required: true },
        { type: 'faq', variant: 'list' },
      ],
    },
  ],
  suits: {
    categories: ['food-retail'],
    verticals: ['food_beverage', 'retail', 'hospitality'],
    archetypes: ['everyman', 'caregiver', 'innocent', 'jester', 'lover', 'explorer'],
    modelTypes: ['b2c_product', 'b2c_service', 'hybrid', 'marketplace'],
    scores: { innovation_level: [0, 70] },
  },
});
