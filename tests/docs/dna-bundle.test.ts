import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBundle } from '../../generator/dna/bundle-file.ts';
import { readClassification } from '../../generator/dna/vocabulary.ts';
import { repoRoot } from '../../generator/paths.ts';
import { docExamples } from '../helpers/doc-examples.ts';

/** Every example in docs/dna-bundle.md is a bundle the real parser accepts, and reads as the text says. */
const docs = join(repoRoot, 'docs');
const examples = docExamples('dna-bundle.md').map(({ json, line }) => ({
  line,
  bundle: parseBundle(json, docs, `docs/dna-bundle.md example at line ${line}`),
}));

describe('docs/dna-bundle.md', () => {
  it('has two name-only examples and a full one, all parsed by the real parser', () => {
    expect(examples.map((e) => e.bundle.user.slug)).toEqual([
      'northside-strength-club',
      'cafe-creme',
      'northside-strength-club',
    ]);
    // The same name gives the same derived id, whichever table it is in.
    expect(examples[0]!.bundle.user.id).toBe(examples[2]!.bundle.user.id);
  });

  it('the full example keeps its unknown labels, reads them as the text says, and scores on 0–100', () => {
    const full = examples[2]!.bundle;
    expect(full.type).toMatchObject({
      business_archetype: 'craftsman',
      industry_vertical: 'boutique_fitness',
      business_model_type: 'b2c',
      risk_tolerance: 40,
      innovation_level: 55,
      scale_ambition: 30,
    });
    expect(full.truth.extraction_source).toBe('phone_interview');
    const read = readClassification(full);
    expect(read.industry_vertical?.known).toBe('fitness');
    expect(read.business_archetype?.known).toBe('creator');
    expect(read.business_model_type?.known).toBe('b2c_service');
    expect(full.media).toHaveLength(1);
    expect(full.media[0]!.path).toBe(join(repoRoot, 'supabase', 'demo', 'media', 'photo-green-meadow.jpg'));
  });
});
