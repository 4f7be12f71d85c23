import { type PriceMatch, pricesIn, spelledNumber } from './spoken-numbers.ts';

/**
 * Services and their prices from an answer to "what do you offer, with
 * prices?": each clause that says a price gives one service, named by the
 * words before (or after) the price, with the unit said after it ("each",
 * "an hour", "a month", "per class") and "from" when the price is a starting
 * price. A price is only ever one the founder said. An answer that names
 * services without prices ("We do drain clearing, water heaters and sump
 * pumps") gives the names alone.
 */
export interface ServiceReading {
  name: string;
  price?: number;
  unit?: string;
  description?: string;
}

export interface ServicesFound {
  services: ServiceReading[];
  currency: 'USD' | 'GBP' | 'EUR' | null;
  /** A price was read from the spoken "four fifty" form (4.50, or 450?). */
  ambiguous: boolean;
  /** Prices left out because the spoken form could mean either amount, with both readings. */
  unsure: { name: string; readings: [number, number] }[];
  quotes: string[];
}

const LEAD =
  /^(?:and|also|then|plus|so|the|our|my|a|an|we (?:have|do|sell|offer|make|charge)(?: a| an| the)?|there(?:'s| is| are)|for (?:a|an|the))\s+/i;
const LINK =
  /\s+(?:is|are|costs?|runs?|goes for|go for|sells? for|comes? to|will be|would be|starts? at|start from|from|at|for)\s*$/i;
const UNIT_NOUNS =
  'hour|loaf|month|class|session|visit|day|night|week|year|person|head|dog|cat|pet|card|series|lesson|item|piece|dozen|box|job|room|page|project|call-out|callout|appointment|package|pack|slice|cake|kilo|pound|plate|meal|group|couple|family|household|wedding|event|portrait|hour-long session|consultation';
const UNIT_AFTER = new RegExp(
  String.raw`^\s*(?:(each|apiece)|per\s+([a-z][a-z-]*)|(?:a|an|every)\s+(${UNIT_NOUNS}))\b`,
  'i',
);
/** A bare amount after a price word, in an answer already giving prices: "the semolina loaf is seven". */
const BARE =
  /(?:\bis|\bare|\bcosts?|\bfor|\bruns?)\s+(\d+(?:\.\d{1,2})?|[a-z]+(?:[\s-][a-z]+)?)(?=\s*(?:each|a |an |per |[.,;]|$))/gi;
const FROM_BEFORE = /\b(?:start(?:s|ing)? at|from|begins? at|at least)\s*$/i;

export function servicesIn(text: string): ServicesFound {
  const clauses = text
    .split(
      /(?<=[.!?;])\s+|,\s+(?:and\s+)?(?=(?:the |a |an |our |\p{Lu}))|,?\s+and\s+(?=(?:the |a |an |our |private |group )?[\p{L}-]+(?: [\p{L}-]+){0,4} (?:is|are|costs?)\b)/u,
    )
    .map((c) => c.trim())
    .filter(Boolean);
  const services: ServiceReading[] = [];
  const quotes: string[] = [];
  let currency: ServicesFound['currency'] = null;
  let ambiguous = false;
  let lastName: string | null = null;
  /** Per service: its price was the spoken "four fifty" form. */
  const spokenPair: boolean[] = [];
  const readings: ServicesFound['unsure'] = [];
  for (const clause of clauses) {
    const prices = pricesIn(clause);
    if (!prices.length && (currency || services.length)) prices.push(...bareAmounts(clause));
    if (!prices.length) {
      // A clause naming a thing whose price comes in the next one ("Sfogliatella, four fifty each").
      const name = serviceName(clause);
      lastName = name && name.split(' ').length <= 8 ? name : null;
      continue;
    }
    let from = 0;
    for (const price of prices) {
      const before = clause.slice(from, price.index);
      const after = clause.slice(price.index + price.text.length);
      from = price.index + price.text.length;
      let name = serviceName(before.replace(LINK, '').replace(FROM_BEFORE, '').replace(LINK, ''));
      if (!name) {
        const forWhat = /^\s*(?:each\s+)?(?:for|per)\s+(?:a|an|the|one)?\s*([^,.;]+)/i.exec(after);
        name = forWhat ? serviceName(forWhat[1]!) : lastName;
      }
      lastName = null;
      if (!name) continue;
      const unitMatch = UNIT_AFTER.exec(after);
      const unit = FROM_BEFORE.test(before)
        ? 'from'
        : unitMatch
          ? unitMatch[1]
            ? 'each'
            : (unitMatch[2] ?? unitMatch[3])!.toLowerCase()
          : undefined;
      const [head, ...rest] = name.split(/,\s*/);
      const description = rest.join(', ').trim();
      services.push({
        name: head!,
        price: price.amount,
        ...(unit ? { unit } : {}),
        ...(description ? { description: description.replace(/^\p{Ll}/u, (c) => c.toUpperCase()) } : {}),
      });
      spokenPair.push(price.ambiguous);
      quotes.push(clause);
      currency ??= price.currency;
      ambiguous ||= price.ambiguous;
    }
  }
  if (services.length) {
    // "Four fifty" beside prices in the tens and hundreds is 450, not 4.50; with nothing to tell, the
    // price is left out and both readings are offered (a wrong price on a site is worse than none).
    const clear = services.filter((s, i) => !spokenPair[i] && s.price !== undefined).map((s) => s.price!);
    const median = clear.sort((x, y) => x - y)[Math.floor(clear.length / 2)];
    for (const [i, s] of services.entries()) {
      if (!spokenPair[i]) continue;
      const small = s.price!;
      const large = Math.round(small * 100);
      if (median !== undefined && median >= 20) s.price = large;
      else if (median === undefined) {
        delete s.price;
        readings.push({ name: s.name, readings: [small, large] });
      }
    }
    return { services: dedupe(services), currency, ambiguous, quotes, unsure: readings };
  }
  return { services: listedNames(text), currency: null, ambiguous: false, quotes: [text], unsure: [] };
}

/** Amounts said without a currency after a price word, once the answer has given prices with one. */
function bareAmounts(clause: string): PriceMatch[] {
  const out: PriceMatch[] = [];
  for (const m of clause.matchAll(BARE)) {
    const said = m[1]!;
    const amount = /^\d/.test(said) ? Number(said) : spelledNumber(said);
    if (amount === null || amount <= 0) continue;
    const index = m.index + m[0].length - said.length;
    out.push({ amount, index, text: said, currency: null, ambiguous: false });
  }
  return out;
}

/** The words naming a service: lead-ins and trailing links off, first letter capital. */
function serviceName(words: string): string | null {
  let name = words
    .replace(/[“”"]/g, '')
    .replace(/[,:;–—-]\s*$/, '')
    .trim();
  for (let i = 0; i < 3; i++) name = name.replace(LEAD, '');
  name = name
    .replace(LINK, '')
    .replace(/\s+(?:is|are)$/i, '')
    .trim();
  if (!name || !/\p{L}/u.test(name) || name.split(/\s+/).length > 10) return null;
  if (/^(?:it|that|this|they|those|these|which|everything|each|one)$/i.test(name)) return null;
  return name.replace(/^\p{Ll}/u, (c) => c.toUpperCase());
}

/** "We do A, B and C." → [A, B, C] (only a list of short names counts). */
function listedNames(text: string): ServiceReading[] {
  const m =
    /\b(?:we (?:do|offer|sell|make|run|have)|there(?:'s| is| are)|it's|mainly|mostly)\s+([^.?!]+)/i.exec(
      text,
    );
  if (!m) return [];
  const items = m[1]!
    .split(/,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+/)
    .map((s) => serviceName(s))
    .filter((s): s is string => !!s && s.split(' ').length <= 6);
  return items.length >= 2 ? dedupe(items.map((name) => ({ name }))) : [];
}

function dedupe(services: ServiceReading[]): ServiceReading[] {
  const seen = new Set<string>();
  return services.filter((s) => {
    const key = s.name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export type { PriceMatch };
