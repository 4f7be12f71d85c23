import { defineTemplate } from '../../generator/catalog/define-template.ts';

/**
 * Emergency and home services: the phone and the call to action come first, then
 * the problem the founder set out to fix, why the business is different, what it
 * offers, how a job runs and the licences that back it (the two colour bands sit apart, with services between them).
 * Short inner pages: the person behind the van, and contact with questions.
 */
export default defineTemplate({
  id: 'trades-local',
  name: 'Trades & local services',
  description:
    'Phone-first, compact and bold for plumbers, electricians, cleaners, groomers and other local call-out services: services, process, credentials and a call to action on one strong home page.',
  theme: 'sturdy',
  chrome: { header: 'bar', footer: 'columns' },
  pages: [
    {
      slug: '',
      label: 'Home',
      sections: [
        { type: 'hero', variant: 'banner', required: true },
        { type: 'what_problem', variant: 'split' },
        { type: 'how_different', variant: 'band' },
        { type: 'services', variant: 'grid' },
        { type: 'process', variant: 'steps' },
        { type: 'credentials', variant: 'badges' },
        { type: 'testimonials', variant: 'quotes' },
        { type: 'cta', variant: 'band' },
      ],
    },
    {
      slug: 'about',
      label: 'About',
      sections: [
        { type: 'about', variant: 'portrait', required: true },
        { type: 'who_serves', variant: 'statement' },
      ],
    },
    {
      slug: 'contact',
      label: 'Contact',
      sections: [
        { type: 'contact', variant: 'card', required: true },
        { type: 'faq', variant: 'list' },
      ],
    },
  ],
  suits: {
    categories: ['trades-local'],
    verticals: ['trades', 'home_services', 'automotive', 'pet_services'],
    archetypes: ['hero', 'everyman', 'caregiver', 'outlaw'],
    modelTypes: ['b2c_service', 'hybrid'],
    scores: { innovation_level: [0, 60], scale_ambition: [0, 75] },
  },
});
