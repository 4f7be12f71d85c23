import type { ExtractableField } from './extraction.ts';

/**
 * The assistant's questions that mark an answer, by the field the answer
 * fills. The consultation is structured: the assistant asks for the business
 * name, the customers, what makes it different… in many phrasings. Each
 * pattern is tested on a question sentence of the assistant's turn, lower
 * case, with curly apostrophes made straight. Order matters only for the
 * report; every field whose pattern matches is marked.
 *
 * `contact` marks an answer the e-mail, phone and website readers all look
 * at ("How can customers reach you?").
 */
export type CueField = ExtractableField | 'contact' | 'location';

const BIZ = `(?:business|company|shop|store|studio|bakery|practice|firm|brand|agency|salon|clinic|cafe|café|restaurant|venture|organi[sz]ation|pantry|charity|service|gym|kitchen)`;
const PEOPLE = `(?:people|customers?|clients?|someone|folks|they|patients|students|families|visitors|members)`;

export const QUESTION_CUES: readonly (readonly [CueField, readonly RegExp[]])[] = [
  [
    'business_name',
    [
      new RegExp(
        `what(?:'s| is| do you call| will you call| are you calling)? (?:the |your )?(?:new )?${BIZ}(?:'s)? (?:called|named|name)`,
      ),
      new RegExp(String.raw`\bname (?:of|for) (?:the|your) ${BIZ}`),
      new RegExp(String.raw`what (?:do|will|are|would) you (?:call|calling) (?:it\b|(?:the|your) ${BIZ})`),
      /what(?:'s| is) it called/,
      /\bthe name,? (?:exactly )?(?:as|how) you(?:'d| would)? (?:want|like)/,
      /what name (?:do|will|are) you (?:trade|trading|go|going|use|using)/,
      /how (?:should|do) (?:we|i|people) (?:write|spell) (?:the|your) (?:business )?name/,
      new RegExp(String.raw`\b(?:your|the) ${BIZ} name\b`),
      /what are you called/,
    ],
  ],
  [
    'founder_name',
    [
      /\b(?:your|you) (?:full )?name\b(?! (?:of|for) (?:the|your) )/,
      /who am i (?:speaking|talking) (?:to|with)/,
      /what should (?:i|we) call you/,
      /who(?:'s| is) (?:behind|running|the founder of|the owner of)/,
      /introduce yourself/,
    ],
  ],
  [
    'founder_story',
    [
      /(?:tell me|a little|a bit|more) about (?:yourself|you\b|your background)/,
      /how did you (?:get (?:started|into)|come to|end up|begin)/,
      /\byour (?:own )?(?:story|background|journey)\b/,
      /what (?:led|brought|drew) you/,
      /why did you (?:start|decide|open|found)/,
      /how (?:it|you|the \w+|this) (?:all )?(?:started|began|got started)/,
      /about (?:page|section)/,
    ],
  ],
  [
    'what_problem',
    [
      /what problem/,
      /what (?:need|gap|pain|frustration|issue)s? (?:are you|do you|does it|does the)/,
      /why (?:do|would|will) (?:people|customers|clients|anyone) need/,
      /what(?:'s| is) (?:missing|broken|wrong|hard)/,
      /what (?:are you|is it|is the business) (?:solving|fixing)/,
      /what (?:do|does) (?:people|customers) struggle/,
      /what (?:frustrates|annoys|bothers|worries) /,
      /why (?:do|does|would|will) (?:\w+ ){0,3}need (?:it|this|you|a )/,
    ],
  ],
  [
    'who_serves',
    [
      /who (?:are|is|will be|would be) (?:your|the) (?:main |typical |ideal |target )?(?:customers?|clients?|audience|market|buyers?|users?)/,
      /who (?:do you|will you|would you|are you going to|does the business) (?:serve|help|work with|sell to|cater to|want to reach|look after)/,
      /who(?:'s| is) (?:it|this|the \w+|your \w+) for\b/,
      /\byour (?:ideal|typical|target|main) (?:customer|client|audience)/,
      /who (?:buys|comes in|comes to you|uses|calls you|hires you|books you|needs you)/,
      /who (?:are|is) (?:your|the) (?:students|patients|members|guests|families|couples|buyers|shoppers|regulars|diners|owners|pet owners)/,
      /who (?:are|is) (?:it|this) aimed at/,
      /who do you (?:\w+ ){1,2}for\b/,
      /who comes (?:in|to (?:the|your) \w+)/,
    ],
  ],
  [
    'how_different',
    [
      /(?:what|how) (?:makes|sets|would make) (?:you|your \w+|it|the \w+) (?:different|apart|stand out|unique|special)/,
      /how (?:are|is) (?:you|it|your \w+|the \w+) different/,
      /why (?:would|should|do|will) (?:people|customers|someone|clients|they|anyone) (?:choose|pick|come to|use|go with) (?:you|your)/,
      /what do you do (?:differently|better)/,
      /compared (?:to|with) (?:others|other|competitors|the competition)/,
      /\b(?:your|the) (?:edge|secret|difference)\b/,
      /what(?:'s| is) different about/,
      /what do you do that (?:other|others|the other)\b/,
      /different from (?:other|the other|others)\b/,
    ],
  ],
  [
    'primary_service',
    [
      /\b(?:one|the) main thing (?:you|that you)/,
      /\b(?:main|core|primary|flagship|central|key) (?:service|product|offer|offering)\b/,
      /if you had to (?:pick|choose|name) one/,
      /what do you (?:mainly|mostly|primarily|chiefly) (?:do|sell|offer|make)/,
      /in (?:a|one) (?:sentence|nutshell|line),? what do(?:es)? (?:you|the business|it) do/,
      new RegExp(String.raw`what (?:does|will) (?:the|your) ${BIZ} do\b`),
    ],
  ],
  [
    'services',
    [
      /(?:what|which) (?:services|products|packages|classes|options|treatments|items|things) (?:do|will|would|can) you (?:offer|sell|provide|have|run|make|do)/,
      /go through (?:what you (?:sell|offer|do)|your (?:services|prices|menu|price list|packages|classes))/,
      /\b(?:prices|pricing|rates|price list|fees)\b/,
      /what (?:do|does|will) (?:it|that|they|those|you) (?:cost|charge)/,
      /how much (?:do|does|will|is|are)/,
      /\bwhat (?:you|do you) (?:sell|offer)\b/,
      /\bmenu\b/,
    ],
  ],
  [
    'tagline',
    [
      /tag ?line|slogan|motto|catch ?phrase|strap ?line|a (?:short )?phrase|one-liner|(?:sign|banner) (?:say|read)/,
      /\ba line (?:you'd|you would|for|at the top|on)/,
    ],
  ],
  [
    'location',
    [
      /where (?:are you|is (?:the|your) \w+|will you be|do you (?:work|operate|live))\b/,
      /which (?:city|town|area of)/,
      /(?:what|where)(?:'s| is) (?:your|the) (?:address|location)/,
      /where can (?:people|customers|clients) find you/,
      /where (?:are you|is it) (?:based|located)/,
      /where will (?:the|your) \w+ be\b/,
    ],
  ],
  [
    'service_area',
    [
      /(?:what|which) areas? (?:do|will|would|can) you (?:cover|serve|work in|travel to|go to|deliver to)/,
      /how far (?:do|will|would|can) you (?:go|travel|drive|deliver|come)/,
      /service area|\bcatchment\b|coverage area/,
      /do you (?:travel|come to|deliver|go out)/,
      /what(?:'s| is) your (?:range|radius|territory|patch)/,
      /where do (?:your |the )?(?:customers|clients|students|people|families|guests|members) come from/,
      /where do you (?:work|operate)\b/,
    ],
  ],
  [
    'contact',
    [
      new RegExp(
        `how (?:can|should|do|would|will) ${PEOPLE} (?:reach|contact|get (?:in touch with|hold of)|book|call|email) (?:you|the)`,
      ),
      /(?:phone|telephone|mobile|cell) number/,
      /\be-?mail\b/,
      /contact (?:details|information|info)/,
      /best way (?:for (?:\w+ ){1,2})?to (?:reach|contact|get hold of|get in touch)/,
      /how (?:can|should|do|would|will) (?:\w+ ){1,2}(?:reach|contact|get in touch with|get hold of) (?:you|the)/,
      /(?:do you have|what(?:'s| is)) (?:a |your |the )?(?:website|web address|domain|url)\b/,
    ],
  ],
  [
    'business_hours',
    [
      /(?:opening|business|office|working|shop|studio) hours/,
      /when are you open/,
      /what (?:are )?(?:your |the )?hours/,
      /what (?:days|times) (?:are you|do you) (?:open|work|run)/,
      /when can (?:people|customers|clients) (?:come|visit|call|book)/,
      /\bhours\b/,
      /when do you (?:open|close|run)/,
      /when (?:is|are) (?:it|the \w+|you) open\b/,
      /when (?:are|is) (?:the |your )?(?:classes|sessions|appointments|lessons|services|markets?|distributions?)\b/,
    ],
  ],
  [
    'faqs',
    [
      /questions? (?:do |that )?(?:customers|people|clients|parents|couples|families) (?:ask|always ask|often ask|keep asking)/,
      /(?:common|frequent(?:ly asked)?) questions/,
      /what do (?:new |your |most )?(?:people|customers|clients|students|parents|patients|couples|families|callers) (?:always |usually |often |most |typically |tend to )?ask/,
      /\bfaqs?\b/,
      /questions? you (?:get|hear) (?:a lot|all the time|most|often)/,
    ],
  ],
  [
    'founded_year',
    [
      /when did (?:you|it|the \w+)(?: itself| first| actually)? (?:start|open|launch|found|begin|set up|get going)/,
      /how long have you been (?:in business|doing|open|around|running|trading)/,
      /what year/,
      /since when/,
      /which year/,
      /when was (?:it|the business) (?:founded|started|opened)/,
      /\b(?:started|opened|founded|began|launched)(?: \w+){0,3} in (?:\d{4}|[a-z]+ \d{4})\?$/,
    ],
  ],
  [
    'credentials',
    [
      /licen[cs]e|certifi|qualifications?|accredit|\binsured\b|\binsurance\b|\bregistered (?:with|charity|nonprofit|non-profit)\b|\bmember of\b|(?:charity|nonprofit|tax-exempt) status/,
    ],
  ],
  [
    'process_steps',
    [
      /what happens (?:when|after|once|if) (?:someone|a customer|a client|people|they|a family|a couple)/,
      /how does (?:it|the process|booking|an appointment|a job|a first visit|a session|working with you) work/,
      /walk me through/,
      /(?:what are )?the steps\b/,
    ],
  ],
  [
    'target_revenue',
    [
      /revenue|turnover|sales (?:goal|target)|income (?:goal|target)/,
      /how much (?:do you|would you like to|are you hoping to|do you want to) (?:make|earn|bring in|sell)/,
    ],
  ],
  [
    'business_model',
    [
      /how does (?:the )?money come in|how (?:do|will) you make money|business model|revenue model/,
      /where does (?:the|your) (?:money|income|revenue) come from/,
      /how (?:do|will) you (?:get paid|charge people)/,
    ],
  ],
  [
    'business_stage',
    [
      /what stage|how far along/,
      /(?:are you|is it|is the business) (?:already )?(?:open|operating|running|trading) (?:yet|already)\?/,
      /still (?:an idea|planning|at the idea)/,
      /have you (?:started|launched|opened) yet/,
    ],
  ],
  [
    'industry_category',
    [
      new RegExp(`what (?:kind|type|sort) of ${BIZ}`),
      /what industry/,
      /describe the business in (?:a|one) (?:word|phrase)/,
    ],
  ],
];

/** A question sentence in the form the cues are written for. */
export function normaliseQuestion(text: string): string {
  return text.toLowerCase().replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').trim();
}

/** The fields one assistant turn asks about: from its question sentences, else from all its sentences. */
export function fieldsAsked(turnText: string, sentences: (text: string) => string[]): CueField[] {
  const all = sentences(turnText).map(normaliseQuestion);
  const questions = all.filter((s) => s.endsWith('?'));
  const tested = questions.length ? questions : all;
  const found: CueField[] = [];
  for (const [field, cues] of QUESTION_CUES) {
    if (tested.some((s) => cues.some((cue) => cue.test(s)))) found.push(field);
  }
  return found;
}
