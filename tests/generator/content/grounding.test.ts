import { describe, expect, it } from 'vitest';
import { checkGrounding, checkLinks, factCorpus } from '../../../generator/content/grounding.ts';
import { demoBundles } from '../../helpers/demo.ts';

/** What the grounding checks find in copy the DNA does not back — and what they let through. */
const bakery = (await demoBundles()).get('bakery')!;
const kinds = (text: string, corpus = factCorpus(bakery)) =>
  checkGrounding({ text }, bakery, corpus).map((p) => `${p.kind}:${p.value}`);

describe('grounding', () => {
  it.each([
    ['Over 500 happy customers a week.', 'number:500'],
    ['Loaves from $5.25 (or $3.70 for a dozen rolls).', 'number:5.25'],
    ['Call 555-0199 today.', 'number:0199'],
    ['Hundreds of neighbours love our bread.', 'number:Hundreds'],
    ['Write to hello@bakery.example.', 'email:hello@bakery.example'],
    ['Order at rosasbakery.com today.', 'url:rosasbakery.com'],
    ['See https://evil.example/x for more.', 'url:https://evil.example/x'],
    ['Voted the best in town.', 'claim:Voted'],
    ['An award-winning bakery.', 'claim:award-winning'],
    ['Five-star reviews from the whole city.', 'claim:Five-star'],
    ['Free delivery on every order.', 'claim:Free delivery'],
    ['Baked by Marco Rossi since dawn.', 'name:Marco Rossi'],
    ['Loved across Rhode Island and Boston.', 'name:Boston'],
    ['As one customer put it, “the best bread I have ever had”.', 'quote:the best bread I have ever had'],
    ['Fresh **bread** daily.', 'markup:**bread**'],
    ['Fresh bread <b>daily</b>.', 'markup:<b>'],
    ['Order [here](https://x.example).', 'markup:[here](https://x.example)'],
    ['Use `code` here.', 'markup:`'],
  ])('refuses %j', (text, expected) => {
    expect(kinds(text)).toContain(expected);
  });

  it.each([
    'Bread like Nonna made, baked in Providence every morning.',
    'Rosa & Daughters Bakery: bread and pastries baked fresh every day.',
    'Open Tuesday to Saturday.',
    'Neighbours in Federal Hill and the West End.',
    'Call (401) 555-0134.',
    'Baked this morning. We bake before sunrise, six days a week.',
    'Focaccia for $4.50, cannoli for $3.75.',
    'What our customers say',
  ])('lets the DNA’s own facts through: %j', (text) => {
    expect(kinds(text)).toEqual([]);
  });

  it('checks a section only against the facts it reads', () => {
    const heroCorpus = factCorpus(bakery, { fields: ['business_name', 'primary_service', 'location_city'] });
    // The phone number and the founder's name are facts, but not this section's.
    expect(kinds('Call (401) 555-0134.', heroCorpus)).toContain('number:401');
    expect(kinds('Rosa bakes every morning.', heroCorpus).some((k) => k.startsWith('name:'))).toBe(false);
    expect(kinds('Ask Teresa about cakes.', heroCorpus)).toContain('name:Teresa');
    expect(kinds('Ask Teresa about cakes.', factCorpus(bakery))).toEqual([]);
  });

  it('“customers say” is earned only by testimonials in the facts', () => {
    const noTestimonials = factCorpus(bakery, { fields: ['business_name', 'primary_service'] });
    expect(kinds('Customers say it is the best bread.', noTestimonials)).toContain('claim:Customers say');
    expect(kinds('Customers say it is the best bread.')).toEqual([]);
  });

  it('links and images must be the ones given', () => {
    const allowed = { hrefs: new Set(['tel:4015550134', '/about/']), assets: new Set(['a1']) };
    expect(
      checkLinks({ cta: { href: 'tel:4015550134' }, image: { asset: 'a1', alt: 'x' } }, allowed),
    ).toEqual([]);
    expect(
      checkLinks({ cta: { href: 'https://evil.example' }, image: { asset: 'a2', alt: 'x' } }, allowed),
    ).toEqual([
      { path: 'cta.href', kind: 'link', value: 'https://evil.example' },
      { path: 'image.asset', kind: 'link', value: 'a2' },
    ]);
  });
});
