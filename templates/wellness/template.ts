import { defineTemplate } from '../../generator/catalog/define-template.ts';

/**
 * Yoga, therapy, massage and coaching: an image-and-words hero, the worry the
 * client arrives with and who it is for, then the founder's story, what to
 * expect in a session, the offerings with prices and the questions beginners ask.
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
        { type: 'credentials', variant: 'list' },
      ],
    },
    {
      slug: 'offerings',
      label: 'Offerings',
      sections: [
        { type: 'services', variant: 'list', required: true },
        { type: 'process', variant: 'timeline' },
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
    categories: ['wellness'],
    verticals: ['health_wellness', 'fitness', 'beauty'],
    archetypes: ['caregiver', 'innocent', 'sage', 'lover'],
    modelTypes: ['b2c_service', 'hybrid'],
    scores: { risk_tolerance: [0, 60], scale_ambition: [0, 60] },
  },
});
