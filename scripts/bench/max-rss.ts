// Loaded with `node --import` by scripts/bench/startup.ts: when the process exits, appends its peak
// resident set size (KiB, the kernel's own accounting) to the file DREAMSEED_BENCH_RSS names.
import { appendFileSync } from 'node:fs';

process.on('exit', () => {
  appendFileSync(process.env.DREAMSEED_BENCH_RSS!, `${process.resourceUsage().maxRSS}\n`);
});
