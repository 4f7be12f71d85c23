/**
 * The mobile performance bar for test files that run Lighthouse to exercise a flow (score, publish, the
 * worker's auto-publish, the studio). The performance score is a timing: on this 2-core VM the same page
 * measured 77–100 depending on what else ran, and the project's rules keep speed targets out of tests.
 * The tests assert what does not depend on the machine (the other three categories at 100, and no
 * performance audit outside `TIMING_AUDITS` failing); a bar of 50 still fails a page that gained real
 * weight (a script, unsized or oversized images). `npm run bench` measures the product's bar of 95 on
 * every template (`scripts/bench/lighthouse.ts`).
 */
export const TEST_PERFORMANCE_MIN = '50';

process.env.DREAMSEED_PERFORMANCE_MIN = TEST_PERFORMANCE_MIN;
