import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { draftImageDescription } from '../../../generator/writers/image-description.ts';
import type { OpenAiRunReport } from '../../../generator/writers/openai.ts';
import { createChatClient } from '../../../generator/writers/openai-client.ts';
import { demoBundles } from '../../helpers/demo.ts';
import { fixturesDir } from '../files/hostile-uploads.ts';
import { type ChatRequest, type LoopbackOpenAi, type Reply, startLoopbackOpenAi } from './loopback-openai.ts';
import { loopbackSettings, loopbackWriter } from './loopback-writer.ts';

/**
 * A description drafted from an image with the real `openai` SDK against the
 * loopback server: the model sees the image and our instructions only, never a
 * fact of the business; its answer is checked like any model answer.
 */
const bundle = (await demoBundles()).get('dog-groomer')!;
const jpeg = await sharp(readFileSync(join(fixturesDir, 'photo-gps-rotated.jpg')))
  .rotate()
  .resize({ width: 512, height: 512, fit: 'inside' })
  .jpeg()
  .toBuffer();

let server: LoopbackOpenAi | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function draft(answers: Reply[]) {
  let n = 0;
  server = await startLoopbackOpenAi(() => answers[Math.min(n++, answers.length - 1)]!);
  const settings = loopbackSettings(server.url);
  return draftImageDescription(createChatClient(settings), { jpeg }, bundle, { maxAttempts: 2, price: null });
}

describe('draftImageDescription', () => {
  it('sends the image as a user content part, and no fact of the business', async () => {
    const result = await draft([
      { answer: { description: 'Two reddish dogs looking over a wooden balcony rail' } },
    ]);
    expect(result).toMatchObject({
      ok: true,
      text: 'Two reddish dogs looking over a wooden balcony rail',
      model: 'gpt-4.1-mini',
      attempts: 1,
    });
    const [request] = server!.requests as ChatRequest[];
    expect(request!.section).toBe('image_description');
    expect(request!.images).toHaveLength(1);
    expect(request!.images[0]!.mime).toBe('image/jpeg');
    expect(request!.images[0]!.detail).toBe('low');
    expect((await sharp(request!.images[0]!.bytes).metadata()).height).toBe(512);
    const prompt = JSON.stringify(request!.body.messages);
    expect(prompt).toMatch(/Describe only what the image itself shows/);
    for (const fact of [bundle.truth.business_name, bundle.truth.location_city, bundle.truth.primary_service])
      expect(prompt).not.toContain(fact!);
    // The answer format is strict structured output: the description, or null.
    expect(request!.body.response_format.json_schema.schema.required).toEqual(['description']);
  });

  it('refuses a draft that names a place, makes a claim or carries markup, and says why', async () => {
    const result = await draft([
      { answer: { description: 'Award-winning dogs on a balcony in San Sebastian' } },
      { answer: { description: 'Two dogs on a <b>balcony</b>' } },
    ]);
    expect(result.ok).toBe(false);
    const [first, second] = server!.requests;
    expect(second!.attempt).toBe(2);
    const feedback = second!.body.messages.at(-1)!.content;
    expect(feedback).toMatch(/the claim "Award-winning"/);
    expect(feedback).toMatch(/the name "San Sebastian"/);
    expect(first!.images).toHaveLength(1);
    expect(result).toMatchObject({
      ok: false,
      unreachable: false,
      reason: expect.stringMatching(/^no draft passed the checks/),
    });
  });

  it('takes a corrected second answer', async () => {
    const result = await draft([
      { answer: { description: 'Image of two dogs' } },
      { answer: { description: 'Two dogs on a balcony beside a white curtain' } },
    ]);
    expect(result).toMatchObject({
      ok: true,
      text: 'Two dogs on a balcony beside a white curtain',
      attempts: 2,
    });
    expect(server!.requests[1]!.body.messages.at(-1)!.content).toMatch(/leave out the lead-in/);
  });

  it('a model that cannot tell gives no draft; a refused request is not an outage', async () => {
    expect(await draft([{ answer: { description: null } }])).toMatchObject({
      ok: false,
      reason: 'the model could not tell what the image shows',
    });
    await server!.close();
    expect(await draft([{ status: 400, error: 'this model does not accept images' }])).toMatchObject({
      ok: false,
      unreachable: false,
      reason: expect.stringMatching(/^the model refused the image/),
    });
  });
});

describe('the OpenAI writer describes images', () => {
  it('counts the calls in its run usage; an unreachable model turns it to offline copy for the run', async () => {
    server = await startLoopbackOpenAi(() => ({ answer: { description: 'A brown and white dog' } }));
    const writer = loopbackWriter(server.url);
    const result = await writer.describeImage({ jpeg }, bundle);
    expect(result).toMatchObject({ ok: true, text: 'A brown and white dog' });
    expect((writer.report() as OpenAiRunReport).usage.calls).toBe(1);

    const down = loopbackWriter('http://127.0.0.1:9/v1', { maxRetries: 0, timeoutMs: 500 });
    expect(await down.describeImage({ jpeg }, bundle)).toMatchObject({ ok: false, unreachable: true });
    expect(down.report().warnings.join(' ')).toMatch(/could not be reached/);
  });
});
