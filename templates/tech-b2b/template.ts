import { defineTemplate } from '../../generator/catalog/define-template.ts';

/**
 * Software consultancies, agencies and B2B services: an argument in order —
 * the problem, what is different, how an engagement runs, the services and a
 * call to talk — then the team's story and proof, and a contact page.
 */
export default defineTemplate({
  id: 'tech-b2b',
  name: 'Tech & B2B',
  description:
    'Crisp and structured for software consultancies, agencies, SaaS and B2B services: problem, difference, process and services on the home page, then proof and a contact page.',
  theme: 'circuit',
  chrome: { header: 'bar', footer: 'simple' },
  pages: [
    {
      slug: '',
      label: 'Home',
      sections: [
        { type: 'hero', variant: 'split', required: true },
        { type: 'what_problem', variant: 'split' },
        { type: 'how_different', variant: 'band' },
        { type: 'process', variant: 'timeline' },
        { type: 'services', variant: 'grid' },
        { type: 'cta', variant: 'band' },
      ],
    },
    {
      slug: 'about',
      label: 'About',
      sections: [
        { type: 'about', variant: 'story', required: true },
        { type: 'who_serves', variant: 'cards' },
        { type: 'credentials', variant: 'badges' },
        { type: 'testimonials', variant: 'single' },
      ],
    },
    {
      slug: 'contact',
      label: 'Contact',
      sections: [
        { type: 'contact', variant: 'card', required: true },
        { type: 'faq', variant: 'columns' },
      ],
    },
  ],
  suits: {
    categories: ['tech-b2b'],
    verticals: ['technology', 'consulting'],
    archetypes: ['sage', 'magician', 'creator', 'ruler', 'explorer'],
    modelTypes: ['b2b_service', 'b2b_saas', 'marketplace', 'hybrid'],
    scores: { innovation_level: [45, 100], scale_ambition: [30, 100] },
  },
});
