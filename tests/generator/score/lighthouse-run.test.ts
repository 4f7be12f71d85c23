import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  LighthouseRuntimeError,
  measureRun,
  type runLighthouse,
} from '../../../generator/score/lighthouse-run.ts';
import { scratchFolders } from '../../helpers/scratch.ts';

/**
 * How one page is measured, with a scripted stand-in for Lighthouse (the real
 * runs are in templates.test.ts and publish-gate.test.ts): what is retried,
 * what is kept, what is reported as never measured.
 */
const scratch = scratchFolders();

describe('measuring one page', () => {
  const lockFile = () => join(scratch('ds-lock-'), 'lighthouse.lock');
  const measured = (performance: number) => ({
    html: '<html></html>',
    run: {
      page: '/',
      form_factor: 'mobile' as const,
      url: 'http://x/',
      scores: { performance, accessibility: 100, 'best-practices': 100, seo: 100 },
      metrics: { lcp_ms: 1, cls: 0, tbt_ms: 0, fcp_ms: 1, speed_index_ms: 1 },
      total_bytes: 1,
      failing_audits: [],
      unmeasured_audits: [],
      warnings: [],
      lighthouse_version: '12.2.3',
      duration_ms: 1,
      attempts: 1,
    },
  });
  const noNavstart = () => new LighthouseRuntimeError('http://x/', 'NO_NAVSTART', 'Please run again.');
  /** A stand-in for Lighthouse that plays the given outcomes in order and counts its calls. */
  const scripted = (outcomes: (number | Error)[]) => {
    const calls = { n: 0 };
    const run = async () => {
      const next = outcomes[calls.n++];
      if (next === undefined) throw new Error('called more often than scripted');
      if (next instanceof Error) throw next;
      return measured(next);
    };
    return { run: run as unknown as typeof runLighthouse, calls };
  };

  it('runs again when Lighthouse could not measure, and keeps what it then measured', async () => {
    const { run, calls } = scripted([noNavstart(), noNavstart(), 100]);
    const out = await measureRun(1, 'http://x/', '/', 'mobile', { run, pauseMs: 0, lockFile: lockFile() });
    expect(calls.n).toBe(3);
    if (!('measured' in out)) throw new Error('expected a measurement');
    expect(out.measured.run.attempts).toBe(3);
    expect(out.measured.run.warnings).toEqual([
      'run 1 did not measure: NO_NAVSTART',
      'run 2 did not measure: NO_NAVSTART',
    ]);
  });

  it('reports a page never measured after three runs, without throwing', async () => {
    const { run, calls } = scripted([noNavstart(), noNavstart(), noNavstart()]);
    const out = await measureRun(1, 'http://x/', '/', 'mobile', { run, pauseMs: 0, lockFile: lockFile() });
    expect(calls.n).toBe(3);
    expect(out).toEqual({
      unmeasured: {
        page: '/',
        form_factor: 'mobile',
        url: 'http://x/',
        code: 'NO_NAVSTART',
        message: expect.stringContaining('Please run again.'),
        attempts: 3,
      },
    });
  });

  it('keeps the better of two measurements when mobile performance is under the bar', async () => {
    const { run, calls } = scripted([80, 97]);
    const out = await measureRun(1, 'http://x/', '/', 'mobile', { run, pauseMs: 0, lockFile: lockFile() });
    expect(calls.n).toBe(2);
    if (!('measured' in out)) throw new Error('expected a measurement');
    expect(out.measured.run.scores.performance).toBe(97);
    expect(out.measured.run.warnings).toEqual(['a run measured performance 80']);
  });

  it('measures at most three times, keeping the best, when mobile performance stays under the bar', async () => {
    const { run, calls } = scripted([90, 85, 88]);
    const out = await measureRun(1, 'http://x/', '/', 'mobile', { run, pauseMs: 0, lockFile: lockFile() });
    expect(calls.n).toBe(3);
    if (!('measured' in out)) throw new Error('expected a measurement');
    expect(out.measured.run.scores.performance).toBe(90);
    expect(out.measured.run.attempts).toBe(3);
    expect(out.measured.run.warnings).toEqual([
      'a run measured performance 85',
      'a run measured performance 88',
    ]);
  });

  it('keeps a third measurement that reaches the bar', async () => {
    const { run, calls } = scripted([93, 91, 100]);
    const out = await measureRun(1, 'http://x/', '/', 'mobile', { run, pauseMs: 0, lockFile: lockFile() });
    expect(calls.n).toBe(3);
    if (!('measured' in out)) throw new Error('expected a measurement');
    expect(out.measured.run.scores.performance).toBe(100);
    expect(out.measured.run.warnings).toEqual([
      'a run measured performance 91',
      'a run measured performance 93',
    ]);
  });

  it('measures desktop once: its performance is reported, not gated', async () => {
    const { run, calls } = scripted([60]);
    const out = await measureRun(1, 'http://x/', '/', 'desktop', { run, pauseMs: 0, lockFile: lockFile() });
    expect(calls.n).toBe(1);
    expect('measured' in out && out.measured.run.scores.performance).toBe(60);
  });

  it('throws what is not Lighthouse declining to measure', async () => {
    const { run } = scripted([new Error('Chromium went away')]);
    await expect(
      measureRun(1, 'http://x/', '/', 'mobile', { run, pauseMs: 0, lockFile: lockFile() }),
    ).rejects.toThrow('Chromium went away');
  });
});
