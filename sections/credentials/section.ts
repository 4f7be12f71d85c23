import { z } from 'zod';
import { line } from '../../generator/catalog/content-schema.ts';
import { defineSection } from '../../generator/catalog/define-section.ts';
import { unlessSaid, upTo } from '../../generator/catalog/section-kit.ts';

/**
 * Licences, certifications, insurance and awards exactly as the founder listed
 * them (`credentials`). Nothing is added, rephrased or inferred ("licensed",
 * "certified" appear only if the founder wrote them); with none the section is left out.
 */
const MAX_ITEMS = 12;

export default defineSection({
  type: 'credentials',
  label: 'Credentials',
  description: 'The founder’s licences, certifications and awards, word for word, as badges or a list.',
  schemaVersion: 1,
  placement: 'main',
  reads: ['business_name', 'credentials'],
  requires: ['credentials'],
  states: ['credentials'],
  whenMissing: 'omit',
  schema: z.strictObject({
    heading: line(80),
    intro: line(200).optional(),
    items: z.array(line(200)).min(1).max(MAX_ITEMS),
  }),
  variants: ['badges', 'list'],
  patterns: {
    heading: [
      'Credentials',
      'Qualifications',
      '{{possessive business}} credentials',
      'Qualifications and credentials',
      'Our credentials',
    ],
    // `name`: the business, given only when the heading does not already name it.
    intro: [
      'What stands behind the work at {{name}}.',
      'A few things worth knowing about {{name}}.',
      'Good to know before you choose {{name}}.',
      'What stands behind our work.',
    ],
  },
  compose(ctx) {
    const credentials = ctx.fact('credentials');
    if (!credentials) return { status: 'missing', missing: ['credentials'] };
    const items = upTo(credentials, MAX_ITEMS, (credential) => ctx.verbatim(credential, { max: 200 }));
    if (items.length === 0) return { status: 'missing', missing: ['credentials'] };
    const heading = ctx.text('heading', { max: 80 }) ?? 'Credentials';
    return {
      status: 'ok',
      content: {
        heading,
        intro: ctx.text('intro', { max: 200, data: unlessSaid(heading, ctx.businessName) }),
        items,
      },
    };
  },
});
