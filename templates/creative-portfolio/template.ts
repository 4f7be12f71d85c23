import { defineTemplate } from '../../generator/catalog/define-template.ts';

/**
 * Photographers, designers and makers: the work leads. A short centred
 * statement, then the mosaic of founder photos and one testimonial; the person
 * and their way of working on the about page; services with packages.
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
      ],
    },
    {
      slug: 'services',
      label: 'Services',
      sections: [
        { type: 'services', variant: 'list', required: true },
        { type: 'pricing', variant: 'cards' },
        { type: 'faq', variant: 'list' },
      ],
    },
    {
      slug: 'contact',
      label: 'Contact',
      sections: [{ type: 'contact', variant: 'card', required: true }],
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
