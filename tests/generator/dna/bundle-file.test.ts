import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect, it } from 'vitest';
import { parseBundle } from '../../../generator/dna/bundle-file.ts';
import { demoBundlePath } from '../../helpers/demo.ts';

it('refuses an alternative reading of a field the DNA does not have, naming it', () => {
  const file = demoBundlePath('bakery');
  const raw = JSON.parse(readFileSync(file, 'utf8'));
  raw.dream_dna_probability.unshift({ field_name: 'nonsense_field', primary_interpretation: 'x' });
  expect(() => parseBundle(raw, dirname(file), file)).toThrow(
    /dream_dna_probability\.0\.field_name: "nonsense_field" is not a dream_dna_truth fact field/,
  );
});

it('refuses a price no small business charges, naming the service', () => {
  const file = demoBundlePath('bakery');
  const raw = JSON.parse(readFileSync(file, 'utf8'));
  raw.dream_dna_truth.services[1].price = 1e30;
  expect(() => parseBundle(raw, dirname(file), file)).toThrow(
    /dream_dna_truth\.services\.1\.price: is over 1,000,000,000/,
  );
});
