#!/usr/bin/env node
// Measures the offline transcript module on the test calls (tests/generator/transcripts/fixtures):
// the extractor's facts against the expected ones, and lexical search's rank of the answering passage.
// Run: node scripts/transcripts/measure.ts
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../generator/paths.ts';
import { chunkTurns } from '../../generator/transcripts/chunks.ts';
import { cosine, lexicalEmbedding } from '../../generator/transcripts/lexical-embedding.ts';
import { extractOffline } from '../../generator/transcripts/offline-extractor.ts';
import { readTranscript } from '../../generator/transcripts/read-transcript.ts';
import { verifyExtraction } from '../../generator/transcripts/verify-extraction.ts';
import { CALLS, mismatch } from '../../tests/generator/transcripts/fixtures/expected.ts';
import { HELD_OUT } from '../../tests/generator/transcripts/fixtures/held-out.ts';
import { SEARCH_QUESTIONS } from '../../tests/generator/transcripts/fixtures/search-questions.ts';

const FIXTURES = join(repoRoot, 'tests', 'generator', 'transcripts', 'fixtures');
const calls = [...CALLS, ...HELD_OUT];
const read = (file: string) => readTranscript(readFileSync(join(FIXTURES, file)), file);

let expected = 0;
let correct = 0;
let extra = 0;
for (const c of calls) {
  const t = read(c.file);
  const e = verifyExtraction(extractOffline(t), t);
  for (const [field, m] of Object.entries(c.expect)) {
    expected++;
    const f = e.fields.find((x) => x.field === field);
    const why = f ? mismatch(f.value, m) : 'not extracted';
    if (why) process.stdout.write(`miss  ${c.file} ${field}: ${why}\n`);
    else correct++;
  }
  for (const f of e.fields)
    if (!(f.field in c.expect) && f.field !== 'currency' && f.field !== 'location_region') {
      extra++;
      process.stdout.write(`extra ${c.file} ${f.field}: ${JSON.stringify(f.value)}\n`);
    }
}
process.stdout.write(
  `offline extraction: ${correct}/${expected} expected facts, ${extra} not asked for (${calls.length} calls)\n`,
);

let top1 = 0;
let top3 = 0;
for (const [slug, question, needle] of SEARCH_QUESTIONS) {
  const passages = calls
    .filter((c) => c.slug === slug)
    .flatMap((c) => chunkTurns(read(c.file).turns).map((p) => p.text));
  const q = lexicalEmbedding(question);
  const ranked = passages
    .map((text) => ({ text, score: cosine(q, lexicalEmbedding(text)) }))
    .sort((a, b) => b.score - a.score);
  const rank = ranked.findIndex((p) => p.text.toLowerCase().includes(needle.toLowerCase()));
  if (rank === 0) top1++;
  if (rank >= 0 && rank < 3) top3++;
  process.stdout.write(`rank ${rank + 1} of ${ranked.length}  ${slug}: ${question}\n`);
}
process.stdout.write(
  `lexical search: answering passage first for ${top1}/${SEARCH_QUESTIONS.length} questions, in the first three for ${top3}/${SEARCH_QUESTIONS.length}\n`,
);
