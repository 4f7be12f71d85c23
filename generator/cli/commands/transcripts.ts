import { type Command, Option } from 'commander';
import { jsonOption } from '../json-output.ts';
import { lazyCommand } from '../lazy.ts';

/**
 * `dreamseed transcripts …` (run: ../transcripts.ts): a founder's consultation
 * calls. `add` stores one call (text, segments JSON or a VAPI end-of-call
 * report), reads its facts (OpenAI with a key, else offline), vectorises its
 * passages and writes the facts to the DNA; `list` shows the calls; `search`
 * finds the passages that answer a question; `vectorise` embeds them again.
 */
export function configure(transcripts: Command): void {
  const run = () => import('../transcripts.ts');
  lazyCommand(
    transcripts,
    run,
    'add',
    'store one call, extract its facts into the DNA, and vectorise it for search',
  )
    .requiredOption('--user <id>', 'the founder: user id or slug')
    .addOption(
      new Option(
        '--call <n>',
        'which consultation call (1-4); a VAPI report may carry it in its metadata',
      ).choices(['1', '2', '3', '4']),
    )
    .argument(
      '<file>',
      'plain text with speaker labels, a JSON array of segments, or a VAPI end-of-call report',
    )
    .addOption(jsonOption());
  lazyCommand(transcripts, run, 'list', "a founder's calls: number, quality, duration, passages, facts read")
    .requiredOption('--user <id>', 'the founder: user id or slug')
    .addOption(jsonOption());
  lazyCommand(transcripts, run, 'search', "the passages of a founder's calls that best answer a question")
    .requiredOption('--user <id>', 'the founder: user id or slug')
    .argument('<question>', 'what to look for, in words')
    .option('--limit <n>', 'how many passages', '5')
    .addOption(jsonOption());
  lazyCommand(
    transcripts,
    run,
    'vectorise',
    "embed a founder's passages again (after changing DREAMSEED_EMBEDDER or the model)",
  )
    .requiredOption('--user <id>', 'the founder: user id or slug')
    .addOption(jsonOption());
}
