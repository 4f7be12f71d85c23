import { defineTemplate } from '../../generator/catalog/define-template.ts';

/**
 * Yoga, therapy, massage and coaching: an image-and-words hero, the worry the
 * client arrives with, who it is for and what is offered; then the founder's
 * story and what a session is like, a price list (only when the DNA has
 * prices), and contact with the questions beginners ask.
 */
export default defineTemplate({
  id: 'wellness',
  name: 'Wellness & care',
  description:
    'Soft, airy and reassuring for yoga studios, therapists, massage and coaching: who it is for, the founder story, what a session is like, offerings with prices and beginner questions.',
  theme: 'calm',
  chrome: { header: 'centered', footer: 'simple' },
  pages: [
    {
      slug: '',
      label: 'Home',
      sections: [
        { type: 'hero', variant: 'split', required: true },
        { type: 'what_problem', variant: 'statement' },
        { type: 'who_serves', variant: 'cards' },
        { type: 'services', variant: 'list' },
        { type: 'testimonials', variant: 'quotes' },
        { type: 'cta', variant: 'panel' },
      ],
    },
    {
      slug: 'about',
      label: 'About',
      sections: [
        { type: 'about', variant: 'story', required: true },
        { type: 'how_different', variant: 'list' },
        { type: 'process', variant: 'timeline' },
        { type: 'credentials', variant: 'list' },
      ],
    },
    {
      slug: 'pricing',
      label: 'Pricing',
      sections: [{ type: 'pricing', variant: 'table' }],
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
    categories: ['wellness'],
    verticals: ['health_wellness', 'fitness', 'beauty'],
    archetypes: ['caregiver', 'innocent', 'sage', 'lover'],
    modelTypes: ['b2c_service', 'hybrid'],
    scores: { risk_tolerance: [0, 60], scale_ambition: [0, 60] },
  },
});
