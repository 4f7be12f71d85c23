import type { Archetype, ModelType, Vertical } from './schema.ts';

/**
 * The cue words that read a classifier's label (or a founder's own words) as
 * a value the template catalogue knows. Each table is ordered: the first entry
 * with a cue in the text wins, so more specific entries come first. A cue is
 * one or more words; a word ending in `*` matches any word that starts with it
 * ("bake*": bake, bakery, bakes), any other word matches itself or its
 * inflected forms ("service": services, serviced; "party": parties; the
 * stem from `words.ts` plus s, es, ies, ing, ed, er or ers; irregular forms
 * such as "craftsmen" are listed). Words are compared without accents, case or
 * punctuation, and without the joining words in `JOINING_WORDS`, on both sides.
 *
 * Only readings a person would agree with are listed: a label that could mean
 * two values ("guardian": caregiver or ruler?) is left out, so it stays
 * unmatched and the reason says so. A short stem is a whole word, not a
 * prefix: "pet*" read "Peterson" and "Petit Four" as pet services, "law*" a
 * lawn, "tax*" a taxi, "spa*" a space and "class*" a classic car.
 */
export type CueTable<T extends string> = readonly (readonly [T, readonly string[]])[];

/** Words that join others and decide nothing ("food and drink", "not for profit"). */
export const JOINING_WORDS = new Set(['a', 'an', 'and', 'as', 'for', 'of', 'or', 'the', 'to']);

/**
 * Industries. The first sixteen entries are the keyword guess the generator
 * has always used for a founder without a classification (in that order, so
 * it guesses as before); the entries after them add the verticals it had no
 * words for, and more words for education.
 */
export const verticalCues: CueTable<Vertical> = [
  [
    'food_beverage',
    [
      'bake*',
      'baking*',
      'bread*',
      'cafe*',
      'coffee*',
      'restaurant*',
      'food*',
      'cater*',
      'pastr*',
      'kitchen*',
      'brew*',
    ],
  ],
  [
    'legal',
    ['law', 'law firm*', 'legal*', 'attorney*', 'lawyer*', 'solicitor*', 'notary*', 'divorce*', 'custody*'],
  ],
  [
    'health_wellness',
    [
      'yoga*',
      'wellness*',
      'therap*',
      'massage*',
      'meditat*',
      'nutrition*',
      'health*',
      'clinic*',
      'counseling*',
      'counselling*',
    ],
  ],
  ['fitness', ['fitness*', 'gym*', 'personal train*', 'pilates*', 'crossfit*']],
  [
    'trades',
    [
      'plumb*',
      'electric*',
      'hvac*',
      'roof*',
      'carpent*',
      'builder*',
      'construct*',
      'handyman*',
      'repair*',
      'install*',
    ],
  ],
  [
    'home_services',
    ['clean*', 'garden*', 'landscap*', 'moving*', 'movers*', 'pest', 'pest control*', 'home service*'],
  ],
  [
    'technology',
    [
      'software*',
      'saas*',
      'app',
      'developer*',
      'web',
      'website*',
      'webshop*',
      'cloud*',
      'data',
      'database*',
      'tech',
      'technolog*',
      'it consult*',
    ],
  ],
  ['consulting', ['consult*', 'advis*', 'coach*', 'strategy*']],
  ['photography', ['photo*', 'wedding film*', 'videograph*']],
  [
    'creative_media',
    [
      'design*',
      'studio*',
      'illustrat*',
      'brand',
      'branding',
      'art',
      'artist*',
      'artwork*',
      'music*',
      'film',
      'filmmak*',
    ],
  ],
  [
    'pet_services',
    ['dog', 'doggy', 'doggie', 'pet', 'groom*', 'cat', 'cattery', 'vet', 'veterinar*', 'kennel*'],
  ],
  [
    'nonprofit_community',
    ['food bank*', 'nonprofit*', 'non profit*', 'charity*', 'volunteer*', 'community*', 'pantry*'],
  ],
  ['beauty', ['hair*', 'salon*', 'nail', 'beauty*', 'barber*', 'spa']],
  ['retail', ['shop*', 'store*', 'boutique*', 'retail*']],
  ['education', ['tutor*', 'school*', 'class', 'course*', 'lesson*', 'teach*']],
  ['events', ['event*', 'wedding plan*', 'party']],
  // Added later, so they only read text the entries above leave unmatched.
  [
    'financial',
    [
      'financ*',
      'accountan*',
      'accounting*',
      'bookkeep*',
      'tax',
      'taxation',
      'insur*',
      'bank',
      'banking',
      'banker*',
      'wealth*',
      'mortgage*',
      'payroll*',
      'fintech*',
    ],
  ],
  [
    'hospitality',
    ['hospitality*', 'hotel*', 'hostel*', 'motel*', 'lodg*', 'guesthouse*', 'guest house*', 'inn'],
  ],
  ['real_estate', ['real estate*', 'realtor*', 'realty*', 'propert*', 'estate agen*', 'letting*']],
  [
    'automotive',
    [
      'automotive*',
      'auto',
      'autobod*',
      'automobile*',
      'car',
      'mechanic*',
      'garage*',
      'tyre*',
      'tire',
      'vehicle*',
    ],
  ],
  ['education', ['educat*', 'edtech*', 'academ*', 'training*']],
  ['beauty', ['manicur*', 'pedicur*']],
  ['pet_services', ['petcare*', 'petsit*', 'dogwalk*', 'dogsit*']],
  ['food_beverage', ['patisser*', 'boulanger*', 'viennoiser*', 'chocolat*', 'deli', 'delicatessen*']],
];

/**
 * Brand archetypes: the other names the archetype literature gives each of the
 * twelve (Mark and Pearson's and the usual variants). Names two archetypes
 * share ("saint", "dreamer", "iconoclast", "inventor") are left out.
 */
export const archetypeCues: CueTable<Archetype> = [
  ['outlaw', ['rebel', 'revolutionary', 'maverick', 'misfit', 'disruptor', 'wild man']],
  ['caregiver', ['caretaker', 'carer', 'nurturer', 'helper', 'altruist', 'parent', 'supporter']],
  [
    'creator',
    ['artist', 'artisan', 'craftsman', 'craftsmen', 'craftsperson', 'craftswoman', 'maker', 'innovator'],
  ],
  [
    'everyman',
    [
      'everyperson',
      'everywoman',
      'regular guy',
      'regular gal',
      'realist',
      'good neighbour',
      'good neighbor',
      'person next door',
      'guy next door',
      'girl next door',
      'orphan',
    ],
  ],
  ['explorer', ['seeker', 'wanderer', 'adventurer', 'pioneer', 'pilgrim', 'individualist']],
  ['hero', ['warrior', 'champion', 'crusader', 'rescuer', 'soldier', 'superhero']],
  ['innocent', ['optimist', 'utopian', 'idealist', 'traditionalist']],
  ['jester', ['fool', 'trickster', 'comedian', 'joker', 'clown', 'entertainer', 'humorist']],
  ['lover', ['romantic', 'sensualist', 'intimate', 'companion']],
  ['magician', ['visionary', 'alchemist', 'shaman', 'transformer', 'catalyst', 'wizard']],
  ['ruler', ['leader', 'king', 'queen', 'sovereign', 'emperor', 'boss', 'aristocrat']],
  [
    'sage',
    ['expert', 'scholar', 'mentor', 'teacher', 'philosopher', 'thinker', 'guru', 'advisor', 'adviser'],
  ],
];

/**
 * Business models. A bare `b2b` or `b2c` reads as a service business: most
 * small businesses sell a service, and product sellers are usually labelled
 * `ecommerce` or `retail`.
 */
export const modelTypeCues: CueTable<ModelType> = [
  ['hybrid', ['b2b2c', 'b2b b2c', 'b2c b2b', 'mixed']],
  ['b2b_saas', ['saas', 'paas', 'b2b software', 'software service', 'subscription software']],
  ['nonprofit', ['nonprofit', 'non profit', 'not profit', 'charit*', 'ngo', 'npo', '501c3', '501 c 3']],
  ['marketplace', ['marketplace', 'market place', 'two sided', 'multi sided', 'peer peer', 'p2p', 'c2c']],
  [
    'b2c_product',
    [
      'ecommerce',
      'e commerce',
      'online store',
      'online shop',
      'retail',
      'd2c',
      'dtc',
      'direct consumer',
      'consumer product*',
      'b2c product*',
    ],
  ],
  ['b2b_service', ['b2b', 'business business', 'b2b service*', 'professional service*', 'business service*']],
  ['b2c_service', ['b2c', 'business consumer', 'b2c service*', 'consumer service*', 'local service*']],
];
