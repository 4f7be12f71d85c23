/**
 * The city (and US state) in an answer to "where are you based?": "Providence,
 * Rhode Island", "Columbus, Ohio", "Asheville, NC" give the city and the
 * state's code; "we're in Asheville" gives the city alone, with less
 * confidence (it could be a neighbourhood). Countries are read only when
 * named ("in the US", "in Canada").
 */
export const US_STATES: Record<string, string> = {
  alabama: 'AL',
  alaska: 'AK',
  arizona: 'AZ',
  arkansas: 'AR',
  california: 'CA',
  colorado: 'CO',
  connecticut: 'CT',
  delaware: 'DE',
  florida: 'FL',
  georgia: 'GA',
  hawaii: 'HI',
  idaho: 'ID',
  illinois: 'IL',
  indiana: 'IN',
  iowa: 'IA',
  kansas: 'KS',
  kentucky: 'KY',
  louisiana: 'LA',
  maine: 'ME',
  maryland: 'MD',
  massachusetts: 'MA',
  michigan: 'MI',
  minnesota: 'MN',
  mississippi: 'MS',
  missouri: 'MO',
  montana: 'MT',
  nebraska: 'NE',
  nevada: 'NV',
  'new hampshire': 'NH',
  'new jersey': 'NJ',
  'new mexico': 'NM',
  'new york': 'NY',
  'north carolina': 'NC',
  'north dakota': 'ND',
  ohio: 'OH',
  oklahoma: 'OK',
  oregon: 'OR',
  pennsylvania: 'PA',
  'rhode island': 'RI',
  'south carolina': 'SC',
  'south dakota': 'SD',
  tennessee: 'TN',
  texas: 'TX',
  utah: 'UT',
  vermont: 'VT',
  virginia: 'VA',
  washington: 'WA',
  'west virginia': 'WV',
  wisconsin: 'WI',
  wyoming: 'WY',
  'district of columbia': 'DC',
};

const CODES = new Set(Object.values(US_STATES));
const STATE_NAMES = Object.keys(US_STATES)
  .sort((a, b) => b.length - a.length)
  .map((name) => name.replace(/\b[a-z]/g, (c) => c.toUpperCase()).replace(/ Of /, ' of '))
  .join('|');
const PLACE = String.raw`[A-Z][\p{L}'’.-]*(?: [A-Z][\p{L}'’.-]*){0,3}`;
const CITY_STATE = new RegExp(String.raw`(${PLACE}),\s*(${STATE_NAMES}|[A-Z]{2})\b`, 'gu');
const IN_PLACE = new RegExp(
  String.raw`\b(?:in|from|out of|based in|located in|near)\s+(?:the\s+)?(?:city of\s+)?(${PLACE})`,
  'u',
);
const COUNTRIES: Record<string, string> = {
  'the us': 'US',
  'the usa': 'US',
  'the united states': 'US',
  america: 'US',
  canada: 'CA',
  'the uk': 'GB',
  'the united kingdom': 'GB',
  england: 'GB',
  ireland: 'IE',
  australia: 'AU',
};
/** Capitalised words that start a sentence, not a place: "So Asheville, North Carolina". */
const SENTENCE_WORDS =
  /^(?:(?:So|And|But|Yes|Yeah|Well|Now|Then|Right|Okay|Ok|Oh|Just|Here|There|It's|We're|I'm|Mostly|Also|Actually|Basically)\s+)+/;
const NOT_PLACES = new Set([
  'I',
  'The',
  'We',
  'My',
  'Our',
  'It',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
  'March',
  'May',
  'June',
  'April',
  'August',
]);

export interface PlaceFound {
  city: string;
  region: string | null;
  quote: string;
  /** City, State: clearly a city. */
  withState: boolean;
}

export function placeIn(text: string): PlaceFound | null {
  for (const m of text.matchAll(CITY_STATE)) {
    const state = m[2]!;
    const code = US_STATES[state.toLowerCase()] ?? (CODES.has(state) ? state : null);
    if (!code) continue;
    // "We're on Atwells Avenue in Providence, Rhode Island": the city is the last place before the state.
    const city = lastPlace(m[1]!)?.replace(SENTENCE_WORDS, '') ?? null;
    // "Wisconsin, Illinois" is a list of states, not a city and its state.
    if (!city || NOT_PLACES.has(city) || US_STATES[city.toLowerCase()]) continue;
    return { city, region: code, quote: m[0], withState: true };
  }
  const m = IN_PLACE.exec(text);
  if (!m) return null;
  const city = m[1]!.replace(/[.,]+$/, '');
  if (
    NOT_PLACES.has(city.split(' ')[0]!) ||
    /\b(?:Street|St|Avenue|Ave|Road|Rd|Lane|Boulevard|Blvd|Drive)\b/.test(city)
  )
    return null;
  const code = US_STATES[city.toLowerCase()];
  if (code) return null; // "in Ohio": a state, not a city
  return { city, region: null, quote: m[0], withState: false };
}

/** "Atwells Avenue in Providence" → "Providence" (a place phrase may carry a street before it). */
function lastPlace(phrase: string): string | null {
  const words = phrase.trim().split(/\s+/);
  const after = words.findLastIndex((w) => /^(?:in|of|near|at)$/i.test(w));
  const tail = words.slice(after + 1).join(' ');
  return tail || null;
}

export function countryIn(text: string): { code: string; quote: string } | null {
  const m = new RegExp(`\\b(?:in|from|across)\\s+(${Object.keys(COUNTRIES).join('|')})\\b`, 'i').exec(text);
  return m ? { code: COUNTRIES[m[1]!.toLowerCase()]!, quote: m[0] } : null;
}
