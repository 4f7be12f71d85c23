import { defineTemplate } from '../../generator/catalog/define-template.ts';

/**
 * Food banks, clubs and community groups: the need, who the group serves and
 * what it offers, one voice from the community and a clear ask to help; the
 * story and how a visit works on the about page; contact and questions last.
 */
export default defineTemplate({
  id: 'nonprofit-community',
  name: 'Nonprofit & community',
  description:
    'Open and highly legible for food banks, charities, clubs and community groups: the need, who is served, what is offered, how to help, and how a first visit works.',
  theme: 'commons',
  chrome: { header: 'bar', footer: 'columns' },
  pages: [
    {
      slug: '',
      label: 'Home',
      sections: [
        { type: 'hero', variant: 'centered', required: true },
        { type: 'what_problem', variant: 'statement' },
        { type: 'who_serves', variant: 'cards' },
        { type: 'services', variant: 'grid' },
        { type: 'testimonials', variant: 'single' },
        { type: 'cta', variant: 'band' },
      ],
    },
    {
      slug: 'about',
      label: 'About',
      sections: [
        { type: 'about', variant: 'story', required: true },
        { type: 'how_different', variant: 'list' },
        { type: 'process', variant: 'steps' },
        { type: 'credentials', variant: 'list' },
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
    categories: ['nonprofit-community'],
    verticals: ['nonprofit_community', 'education'],
    archetypes: ['caregiver', 'everyman', 'innocent', 'hero', 'sage'],
    modelTypes: ['nonprofit', 'hybrid'],
    scores: { risk_tolerance: [0, 50] },
  },
});
