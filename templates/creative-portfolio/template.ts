import { defineTemplate } from '../../generator/catalog/define-template.ts';

/**
 * Photographers, designers and makers: the work leads. A short centred
 * statement, the mosaic of founder photos, what they offer and one testimonial;
 * the person, their way of working and their credentials on the about page;
 * packages as price cards (only when the DNA has prices); contact with questions.
 */
export default defineTemplate({
  id: 'creative-portfolio',
  name: 'Creative portfolio',
  description:
    'Gallery-led and minimal for photographers, designers, artists and makers: the work first, then the person, how they work, packages and how to book.',
  theme: 'gallery',
  chrome: { header: 'centered', footer: 'simple' },
  pages: [
    {
      slug: '',
      label: 'Home',
      sections: [
        { type: 'hero', variant: 'centered', required: true },
        { type: 'gallery', variant: 'mosaic' },
        { type: 'services', variant: 'grid' },
        { type: 'testimonials', variant: 'single' },
        { type: 'cta', variant: 'panel' },
      ],
    },
    {
      slug: 'about',
      label: 'About',
      sections: [
        { type: 'about', variant: 'portrait', required: true },
        { type: 'how_different', variant: 'list' },
        { type: 'process', variant: 'steps' },
        { type: 'credentials', variant: 'badges' },
      ],
    },
    {
      slug: 'pricing',
      label: 'Pricing',
      sections: [{ type: 'pricing', variant: 'cards' }],
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
    categories: ['creative-portfolio'],
    verticals: ['photography', 'creative_media', 'events'],
    archetypes: ['creator', 'lover', 'explorer', 'jester', 'magician'],
    modelTypes: ['b2c_service', 'b2b_service', 'b2c_product', 'hybrid'],
    scores: { scale_ambition: [0, 60] },
  },
});
