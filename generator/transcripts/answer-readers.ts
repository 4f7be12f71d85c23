import { emailIn, phoneIn, websiteIn } from './contact-readers.ts';
import type { Alternative, ExtractableField } from './extraction.ts';
import { businessNames, CORRECTION, properName } from './name-readers.ts';
import { countryIn, placeIn } from './place-readers.ts';
import type { CueField } from './question-cues.ts';
import { HEDGE, NO_ANSWER, tidyAnswer, withoutFinalStop } from './sentences.ts';
import { servicesIn } from './services-reader.ts';

/**
 * Readers: from the founder's answer to a question about a field, the value
 * of that field (and, for the location and contact questions, of the fields
 * they cover). Each reading carries its confidence and the founder's words it
 * came from. The offline extractor's confidences are deliberately modest,
 * and below the generator's 0.7 bar for unsure facts except where the words
 * leave no doubt (an e-mail address, a phone number as written):
 *
 * | reading                                                   | confidence |
 * | --------------------------------------------------------- | ---------- |
 * | written e-mail, phone, web address                        | 0.8        |
 * | spoken e-mail or phone, a year, "City, State"             | 0.6–0.65   |
 * | a name (business, founder), prices read as said           | 0.6        |
 * | the founder's own sentences for a descriptive field       | 0.55       |
 * | lists read from speech (FAQs, credentials, steps)         | 0.45–0.5   |
 * | the same, hedged ("I think", "maybe", "not sure")         | × 0.7      |
 */
export interface Sentence {
  /** As said (this is what quotes are). */
  raw: string;
  /** Fillers and lead-ins out: what a value is made of. */
  tidy: string;
}

export interface Answer {
  sentences: Sentence[];
  at_s: number | null;
}

export interface Reading {
  field: ExtractableField;
  value: unknown;
  confidence: number;
  quote: string;
  alternatives?: Alternative[];
}

type Reader = (a: Answer) => Reading[];

const raw = (a: Answer, n = a.sentences.length) =>
  a.sentences
    .slice(0, n)
    .map((s) => s.raw)
    .join(' ');
const hedged = (text: string, c: number) => (HEDGE.test(text) ? Math.round(c * 0.7 * 100) / 100 : c);

/** The founder's own sentences (up to `max`), as a descriptive fact. */
function ownWords(field: ExtractableField, max = 3, confidence = 0.55): Reader {
  return (a) => {
    const kept = a.sentences.filter(
      (s) => /\p{L}/u.test(s.tidy) && !/^(?:that's it|that's all|that's about it)\.?$/i.test(s.tidy),
    );
    if (!kept.length || NO_ANSWER.test(kept[0]!.tidy)) return [];
    const used = kept.slice(0, max);
    const value = used.map((s) => s.tidy).join(' ');
    const c = kept.length > max ? confidence - 0.05 : confidence;
    return [
      {
        field,
        value: used.length === 1 ? withoutFinalStop(value) : value,
        confidence: hedged(value, c),
        quote: used.map((s) => s.raw).join(' '),
      },
    ];
  };
}

const readers: Record<CueField, Reader> = {
  business_name: (a) => {
    const candidates = businessNames(a);
    if (!candidates.length) return [];
    // "Everybody knows us as X. But the new company is going to be Y": the later, corrected name.
    const corrected = candidates.findLast((c) => CORRECTION.test(c.sentence.tidy));
    const chosen = corrected ?? candidates[0]!;
    const others = [...new Set(candidates.filter((c) => c !== chosen).map((c) => c.name))].filter(
      (n) => n !== chosen.name,
    );
    return [
      {
        field: 'business_name',
        value: chosen.name,
        confidence: others.length ? 0.5 : 0.6,
        quote: chosen.sentence.raw,
        alternatives: others.slice(0, 3).map((n) => ({
          value: n,
          confidence: 0.2,
          reasoning: `The founder also used the name "${n}" in this answer.`,
        })),
      },
    ];
  },
  founder_name: (a) => {
    for (const s of a.sentences.slice(0, 2)) {
      const name = properName(s.tidy);
      if (name && name.split(' ').length <= 4 && !/\d/.test(name))
        return [{ field: 'founder_name', value: name, confidence: 0.6, quote: s.raw }];
    }
    return [];
  },
  founder_story: ownWords('founder_story', 5),
  what_problem: ownWords('what_problem', 3),
  who_serves: ownWords('who_serves', 3),
  how_different: ownWords('how_different', 3),
  primary_service: (a) => {
    const s = a.sentences.find((x) => x.tidy.split(/\s+/).length >= 3) ?? a.sentences[0];
    if (!s || NO_ANSWER.test(s.tidy)) return [];
    const value = withoutFinalStop(
      s.tidy.replace(/^(?:it's|it is|mainly|mostly|definitely|probably)\s+/i, ''),
    ).replace(/^\p{Ll}/u, (c) => c.toUpperCase());
    return [{ field: 'primary_service', value, confidence: hedged(s.tidy, 0.55), quote: s.raw }];
  },
  services: (a) => {
    const found = servicesIn(raw(a));
    if (!found.services.length) return [];
    const priced = found.services.some((s) => s.price !== undefined);
    const c = priced ? (found.ambiguous ? 0.5 : 0.6) : 0.45;
    const readings: Reading[] = [
      {
        field: 'services',
        value: found.services,
        confidence: hedged(raw(a), c),
        quote: found.quotes.join(' '),
        alternatives: found.unsure
          .flatMap((u) =>
            u.readings.map((price) => ({
              value: JSON.stringify(found.services.map((s) => (s.name === u.name ? { ...s, price } : s))),
              confidence: 0.25,
              reasoning: `The price of ${u.name} was said as two numbers ("four fifty"), which may mean ${u.readings[0]} or ${u.readings[1]}; it is left out until the founder says which.`,
            })),
          )
          .slice(0, 3),
      },
    ];
    if (found.currency)
      readings.push({ field: 'currency', value: found.currency, confidence: 0.6, quote: found.quotes[0]! });
    return readings;
  },
  tagline: (a) => {
    const text = raw(a);
    const quoted = /[“"]([^”"]{3,120})[”"]/.exec(text);
    if (quoted) return [{ field: 'tagline', value: quoted[1]!.trim(), confidence: 0.6, quote: quoted[0] }];
    const first = a.sentences[0];
    if (!first || NO_ANSWER.test(first.tidy) || first.tidy.split(/\s+/).length > 12) return [];
    return [{ field: 'tagline', value: first.tidy, confidence: 0.45, quote: first.raw }];
  },
  location: (a) => {
    const text = raw(a);
    const out: Reading[] = [];
    const place = placeIn(text);
    if (place) {
      out.push({
        field: 'location_city',
        value: place.city,
        confidence: place.withState ? 0.65 : 0.5,
        quote: place.quote,
      });
      if (place.region)
        out.push({ field: 'location_region', value: place.region, confidence: 0.65, quote: place.quote });
    }
    const country = countryIn(text);
    if (country)
      out.push({ field: 'location_country', value: country.code, confidence: 0.6, quote: country.quote });
    return out;
  },
  currency: () => [],
  location_city: () => [],
  location_region: () => [],
  location_country: () => [],
  service_area: ownWords('service_area', 2),
  contact: (a) => {
    const text = raw(a);
    const out: Reading[] = [];
    const email = emailIn(text);
    if (email)
      out.push({
        field: 'contact_email',
        value: email.value,
        confidence: email.spoken ? 0.6 : 0.8,
        quote: email.quote,
      });
    const phone = phoneIn(text);
    if (phone)
      out.push({
        field: 'contact_phone',
        value: phone.value,
        confidence: phone.spoken ? 0.6 : 0.8,
        quote: phone.quote,
      });
    const site = websiteIn(email ? text.replace(email.quote, ' ') : text);
    if (site) out.push({ field: 'website_url', value: site.value, confidence: 0.8, quote: site.quote });
    return out;
  },
  contact_email: () => [],
  contact_phone: () => [],
  website_url: () => [],
  business_hours: (a) => {
    const DAYS =
      /\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?s?\b|\b(?:weekdays?|weekends?|daily|every day|24 hours|twenty-four hours|seven days a week|7 days a week|around the clock|24\/7|\d{1,2}(?::\d{2})?\s?(?:am|pm)|noon|midnight|by appointment|closed)\b/i;
    const used = a.sentences.filter((s) => DAYS.test(s.tidy));
    if (!used.length) return [];
    const value = used.map((s) => s.tidy).join(' ');
    return [
      {
        field: 'business_hours',
        value: used.length === 1 ? withoutFinalStop(value) : value,
        confidence: hedged(value, 0.55),
        quote: used.map((s) => s.raw).join(' '),
      },
    ];
  },
  faqs: (a) => {
    const faqs: { question: string; answer: string }[] = [];
    const quotes: string[] = [];
    const INTERROGATIVE =
      /^(?:do|does|did|can|could|are|is|will|would|should|how|what|when|where|why|which|who)\b/i;
    for (const [i, s] of a.sentences.entries()) {
      const colon = /^([^:?]{8,120})[:?]\s+(.{3,})$/.exec(s.tidy);
      if (
        colon &&
        INTERROGATIVE.test(
          colon[1]!.replace(/^(?:and|also|then|first|second|third|one|two|three|another)[,:]?\s+/i, ''),
        )
      ) {
        const question = colon[1]!.replace(
          /^(?:and|also|then|first|second|third|one|two|three|another)[,:]?\s+/i,
          '',
        );
        faqs.push({
          question: `${question.replace(/^\p{Ll}/u, (c) => c.toUpperCase())}?`,
          answer: tidyAnswer(colon[2]!, { keepLeadIns: true }).replace(/^\p{Ll}/u, (c) => c.toUpperCase()),
        });
        quotes.push(s.raw);
        continue;
      }
      const bare = s.tidy.replace(/^["“]|["”]$/g, '');
      const next = a.sentences[i + 1];
      if (bare.endsWith('?') && next && !next.tidy.replace(/["”]$/, '').endsWith('?')) {
        faqs.push({
          question: bare.replace(/^\p{Ll}/u, (c) => c.toUpperCase()),
          answer: tidyAnswer(next.raw, { keepLeadIns: true }),
        });
        quotes.push(`${s.raw} ${a.sentences[i + 1]!.raw}`);
      }
    }
    return faqs.length
      ? [{ field: 'faqs', value: faqs.slice(0, 20), confidence: 0.5, quote: quotes.join(' ') }]
      : [];
  },
  founded_year: (a) => {
    const text = raw(a);
    const years = [...text.matchAll(/\b(1[89]\d{2}|20\d{2})\b/g)].map((m) => Number(m[1]));
    const distinct = [...new Set(years)];
    if (!distinct.length) return [];
    // A year said with the business's own start ("went out on my own in 2016", "opened in 2024") comes first.
    const OWN =
      /\b(?:my own|our own|opened|founded|launched|set up|started (?:the|my|our) (?:business|company|shop)|started selling|went out on)\b/i;
    const own = distinct.find((y) =>
      a.sentences.some((s) => s.raw.includes(String(y)) && OWN.test(clauseWith(s.raw, String(y)))),
    );
    if (own !== undefined) {
      distinct.splice(distinct.indexOf(own), 1);
      distinct.unshift(own);
    }
    const sentence = a.sentences.find((s) => s.raw.includes(String(distinct[0])))!;
    return [
      {
        field: 'founded_year',
        value: distinct[0],
        confidence: distinct.length === 1 ? 0.6 : 0.4,
        quote: sentence.raw,
        alternatives: distinct.slice(1, 4).map((y) => ({
          value: String(y),
          confidence: 0.2,
          reasoning: `The answer also names ${y}; which year the business started is not certain.`,
        })),
      },
    ];
  },
  credentials: (a) => {
    const items: string[] = [];
    const quotes: string[] = [];
    for (const s of a.sentences) {
      if (NO_ANSWER.test(s.tidy)) continue;
      for (const part of s.tidy.split(/;\s+|,?\s+and (?=(?:i|we|also)\b)/i)) {
        const item = withoutFinalStop(
          part
            .replace(
              /^(?:and |also |plus )?(?:i|we)(?:'m|'re| am| are)?(?: also)?\s+(?:(?:have|hold|got|carry|did|completed|earned|am|are)\s+)?(?:a |an |the |my |our )?/i,
              '',
            )
            .replace(/^(?:the|a|an)\s+/i, ''),
        ).replace(/^\p{Ll}/u, (c) => c.toUpperCase());
        if (item.split(/\s+/).length >= 2) items.push(item);
      }
      quotes.push(s.raw);
    }
    return items.length
      ? [{ field: 'credentials', value: items.slice(0, 12), confidence: 0.5, quote: quotes.join(' ') }]
      : [];
  },
  process_steps: (a) => {
    const STEP =
      /^(?:first(?:ly)?|then|next|after that|afterwards|finally|once|second(?:ly)?|third(?:ly)?|last(?:ly)?|to start|we start)\b[,]?\s*/i;
    const steps = a.sentences.filter((s) => STEP.test(s.tidy));
    if (steps.length < 2) return [];
    const value = steps.slice(0, 8).map((s) => ({
      title: withoutFinalStop(s.tidy.replace(STEP, '')).replace(/^\p{Ll}/u, (c) => c.toUpperCase()),
    }));
    return [{ field: 'process_steps', value, confidence: 0.45, quote: steps.map((s) => s.raw).join(' ') }];
  },
  target_revenue: (a) => {
    const s = a.sentences.find(
      (x) =>
        /\$|dollars?|thousand|million|\bk\b|revenue|\d/.test(x.tidy) &&
        /(?:like|want|hope|aim|goal|target|plan|this year|next year|would)/i.test(x.tidy),
    );
    if (!s) return [];
    return [
      {
        field: 'target_revenue',
        value: withoutFinalStop(s.tidy),
        confidence: hedged(s.tidy, 0.5),
        quote: s.raw,
      },
    ];
  },
  business_model: ownWords('business_model', 2, 0.5),
  business_stage: ownWords('business_stage', 2, 0.5),
  industry_category: (a) => {
    const first = a.sentences[0];
    if (!first || NO_ANSWER.test(first.tidy)) return [];
    const value = withoutFinalStop(
      first.tidy
        .replace(/^(?:it's|it is|we're|we are|i'd say|i would say)\s+(?:a|an)?\s*/i, '')
        .replace(/^(?:a|an)\s+/i, ''),
    );
    if (value.split(/\s+/).length > 8) return [];
    return [
      {
        field: 'industry_category',
        value: value.replace(/^\p{Ll}/u, (c) => c.toUpperCase()),
        confidence: 0.55,
        quote: first.raw,
      },
    ];
  },
};

/** The clause of a sentence that holds `needle` (between commas, "and", semicolons). */
function clauseWith(sentence: string, needle: string): string {
  return sentence.split(/,|;|\band\b/).find((c) => c.includes(needle)) ?? sentence;
}

export function readAnswer(field: CueField, answer: Answer): Reading[] {
  return readers[field](answer);
}
