import { defineTemplate } from '../../generator/catalog/define-template.ts';

/**
 * Law, accounting and advisory practices: a calm centred home page that names the
 * client's problem and the practice's approach, then an about page carried by
 * the founder and their credentials, a services page (with their fees when the
 * DNA has them) with process and questions, and a contact page.
 */
export default defineTemplate({
  id: 'professional',
  name: 'Professional practice',
  description:
    'Restrained and about-heavy for lawyers, accountants, advisers and consultants who sell trust: the problem, the approach, the person behind it, fees and answers on their own pages.',
  theme: 'counsel',
  chrome: { header: 'centered', footer: 'columns' },
  pages: [
    {
      slug: '',
      label: 'Home',
      sections: [
        { type: 'hero', variant: 'centered', required: true },
        { type: 'what_problem', variant: 'split' },
        { type: 'how_different', variant: 'list' },
        { type: 'testimonials', variant: 'quotes' },
        { type: 'cta', variant: 'panel' },
      ],
    },
    {
      slug: 'about',
      label: 'About',
      sections: [
        { type: 'about', variant: 'portrait', required: true },
        { type: 'credentials', variant: 'list' },
        { type: 'who_serves', variant: 'statement' },
      ],
    },
    {
      slug: 'services',
      label: 'Services',
      sections: [
        { type: 'services', variant: 'list', required: true },
        { type: 'process', variant: 'timeline' },
        { type: 'faq', variant: 'columns' },
      ],
    },
    {
      slug: 'contact',
      label: 'Contact',
      sections: [{ type: 'contact', variant: 'split', required: true }],
    },
  ],
  suits: {
    categories: ['professional'],
    verticals: ['legal', 'financial', 'consulting', 'real_estate', 'education'],
    archetypes: ['sage', 'ruler', 'caregiver', 'everyman'],
    modelTypes: ['b2c_service', 'b2b_service', 'hybrid'],
    scores: { risk_tolerance: [0, 60], innovation_level: [0, 65] },
  },
});
