import { describe, expect, it } from 'vitest';
import {
  dropStop,
  echoes,
  fitLabel,
  forSlot,
  headlineAndEyebrow,
  hourLines,
  listedItems,
  navLinks,
  nounPhrase,
  placeName,
  priceUnit,
  shapeOf,
  telHref,
  unlessSaid,
  wholeSentences,
} from '../../../generator/catalog/section-kit.ts';

/** The helpers section `compose` functions share: they shape founders' words, never add to them. */
describe('telHref', () => {
  it.each([
    ['(401) 555-0134', 'tel:4015550134'],
    ['+44 20 7946 0958', 'tel:+442079460958'],
    ['(401) 555-0134 ext. 2', 'tel:4015550134'],
    ['call after 5', undefined],
    ['555', undefined],
  ])('%j → %j', (phone, href) => expect(telHref(phone)).toBe(href));
});

describe('wholeSentences', () => {
  it('keeps whole sentences only', () => {
    const text = 'We bake daily. Nothing is frozen. Everything is made by hand in the shop.';
    expect(wholeSentences(text, 200)).toBe(text);
    expect(wholeSentences(text, 40)).toBe('We bake daily. Nothing is frozen.');
    expect(wholeSentences(text, 10)).toBeUndefined();
  });
});

describe('echoes', () => {
  it.each([
    ['The problem', 'The problem we set out to solve'],
    ['What we offer', 'What Eastside Community Pantry offers'],
    ['Our story', 'The story behind Rosa’s'],
    ['The difference', 'What makes Rosa different'],
  ])('%j repeats %j', (a, b) => expect(echoes(a, b)).toBe(true));

  it.each([
    ['The founder', 'Meet Rosa Amato'],
    ['Services', 'What we offer'],
    ['The problem', 'Sound familiar?'],
  ])('%j does not repeat %j', (a, b) => expect(echoes(a, b)).toBe(false));
});

describe('nounPhrase', () => {
  it('keeps services that can follow "offers", rejects ones that start with a verb', () => {
    expect(nounPhrase('Wedding and elopement photography')).toBe('Wedding and elopement photography');
    expect(nounPhrase('Catering for small events')).toBe('Catering for small events');
    expect(nounPhrase('Connecting legacy ERP systems')).toBeUndefined();
  });
});

describe('labels and places', () => {
  it('fitLabel falls back when the label is too long', () => {
    expect(fitLabel('Call (401) 555-0134', 32, 'Call us')).toBe('Call (401) 555-0134');
    expect(fitLabel(`Email ${'a'.repeat(60)}@example.com`, 48, 'Send an email')).toBe('Send an email');
  });

  it('placeName joins the parts the DNA holds', () => {
    expect(placeName(' Providence ', 'RI')).toBe('Providence, RI');
    expect(placeName('Tacoma', undefined, null, '')).toBe('Tacoma');
    expect(placeName(undefined)).toBe('');
  });

  it('dropStop drops a closing stop but keeps an abbreviation', () => {
    expect(dropStop('Closed Monday.')).toBe('Closed Monday');
    expect(dropStop('Until 5 p.m.')).toBe('Until 5 p.m.');
  });
});

describe('hourLines', () => {
  it('splits where the founder separated the hours', () => {
    expect(
      hourLines(
        'Tuesday to Saturday 7am to 3pm; Sunday 8am to 1pm; closed Monday. Closes early when sold out.',
        160,
        6,
      ),
    ).toEqual([
      'Tuesday to Saturday 7am to 3pm',
      'Sunday 8am to 1pm',
      'Closed Monday',
      'Closes early when sold out',
    ]);
    expect(hourLines('Monday to Friday 9 a.m. to 5 p.m.\nSaturday 10 a.m. to noon', 160, 6)).toEqual([
      'Monday to Friday 9 a.m. to 5 p.m.',
      'Saturday 10 a.m. to noon',
    ]);
  });

  it('keeps the text as one line, or gives up, when the parts do not fit', () => {
    expect(hourLines('a; b; c', 160, 2)).toEqual(['a; b; c']);
    expect(hourLines('x'.repeat(200), 160, 6)).toBeUndefined();
  });
});

describe('listedItems', () => {
  const groups = { joiners: ['and', 'or', 'plus', 'as well as'], min: 2, max: 6, maxLength: 120 };

  it('splits a list the founder wrote out, word for word', () => {
    expect(
      listedItems(
        'Adults who are new to yoga, people over fifty, and people coming back from an injury',
        groups,
      ),
    ).toEqual(['Adults who are new to yoga', 'People over fifty', 'People coming back from an injury']);
    expect(listedItems('Neighbours in Federal Hill, plus four cafés that buy bread', groups)).toEqual([
      'Neighbours in Federal Hill',
      'Four cafés that buy bread',
    ]);
  });

  it('never splits what is not plainly a list', () => {
    expect(listedItems('Families in Ohio, Indiana, and Michigan', groups)).toBeUndefined();
    expect(
      listedItems('Owners of older, anxious or reactive dogs who struggle in a salon', groups),
    ).toBeUndefined();
    expect(
      listedItems('Couples planning small weddings, especially outdoors, and elopements', groups),
    ).toBeUndefined();
    expect(listedItems('Parents; spouses, and children', groups)).toBeUndefined();
    // A subject with several verbs is one statement, not three points.
    expect(
      listedItems('She works quietly, edits lightly, and brings a film camera', {
        ...groups,
        joiners: ['and'],
      }),
    ).toBeUndefined();
  });
});

describe('priceUnit', () => {
  it.each([
    [null, 'Drop-in class', { from: false }],
    ['loaf', 'Sourdough', { from: false, unit: 'per loaf' }],
    ['loaf', 'Country sourdough loaf', { from: false }],
    ['card', 'Ten-class card', { from: false }],
    ['package', 'Elopement', { from: false }],
    ['per hour', 'Private session', { from: false, unit: 'per hour' }],
    ['each', 'Cannoli', { from: false, unit: 'each' }],
    ['installed', 'Water heater replacement', { from: false, unit: 'installed' }],
    ['flat fee', 'Uncontested divorce', { from: false, unit: 'flat fee' }],
    ['from', 'Drain clearing', { from: true }],
    ['from, 8-inch cake', 'Celebration cake', { from: true, unit: '8-inch cake' }],
  ])('%j for %j', (unit, item, expected) => expect(priceUnit(unit, item)).toEqual(expected));
});

describe('with the compose context', () => {
  const context = (texts: Record<string, string>) => ({
    businessName: 'Rosa & Daughters Bakery',
    text: (key: string, options?: { data?: Record<string, unknown> }) =>
      texts[key] ?? (key === 'eyebrow' && options?.data?.name ? `About ${options.data.name}` : undefined),
    pages: () => [
      { href: '/', label: 'Home' },
      { href: '/about/', label: '  About   us ' },
      { href: 'javascript:alert(1)', label: 'Bad' },
      { href: '/long/', label: 'A page label far too long for a menu' },
    ],
  });

  it('headlineAndEyebrow drops an eyebrow that repeats the headline, and names the business once', () => {
    expect(headlineAndEyebrow(context({ headline: 'Our story', eyebrow: 'Story' }), 'Fallback')).toEqual({
      headline: 'Our story',
      eyebrow: undefined,
    });
    expect(headlineAndEyebrow(context({ headline: 'Meet Rosa Amato' }), 'Fallback')).toEqual({
      headline: 'Meet Rosa Amato',
      eyebrow: 'About Rosa & Daughters Bakery',
    });
    expect(
      headlineAndEyebrow(context({ headline: 'The story behind Rosa & Daughters Bakery' }), 'x').eyebrow,
    ).toBe(undefined);
    expect(headlineAndEyebrow(context({}), 'Our story').headline).toBe('Our story');
  });

  it('unlessSaid gives the name only when the text does not already say it', () => {
    expect(unlessSaid('Contact Rosa & Daughters Bakery', 'Rosa & Daughters Bakery')).toEqual({});
    expect(unlessSaid('Get in touch', 'Rosa & Daughters Bakery')).toEqual({
      name: 'Rosa & Daughters Bakery',
    });
  });

  it('navLinks keeps valid pages with short labels', () => {
    expect(navLinks(context({}))).toEqual([
      { href: '/', label: 'Home' },
      { href: '/about/', label: 'About us' },
    ]);
  });
});

describe('shapeOf and forSlot', () => {
  const img = (asset: string, width: number | null, height: number | null) => ({ asset, width, height });
  it.each([
    [1600, 1203, 'landscape'],
    [1280, 1024, 'landscape'],
    [1065, 1600, 'portrait'],
    [2400, 2400, 'square'],
    [1100, 1000, 'square'],
    [null, 800, null],
  ] as const)('%s × %s is %s', (w, h, shape) => expect(shapeOf({ width: w, height: h })).toBe(shape));

  const media = [
    img('tall', 1065, 1600),
    img('unknown', null, null),
    img('square', 800, 800),
    img('wide', 1920, 1280),
    img('wide-2', 2400, 1200),
  ];
  it('a wide slot takes landscape images first, then square, then unknown, and never portrait', () => {
    expect(forSlot(media, 'wide').map((m) => m.asset)).toEqual(['wide', 'wide-2', 'square', 'unknown']);
  });
  it('a tall slot takes portrait images first, then square, then unknown, and never landscape', () => {
    expect(forSlot(media, 'tall').map((m) => m.asset)).toEqual(['tall', 'square', 'unknown']);
  });
});
