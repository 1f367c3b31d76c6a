// Preloaded with `node --import` when GNU time is missing: writes the process's own peak resident set size
// (getrusage ru_maxrss, in KiB) to the file named by SEAWALL_BENCH_RSS_FILE as the process exits.

import { writeFileSync } from 'node:fs';

const target = process.env.SEAWALL_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    writeFileSync(target, `${process.resourceUsage().maxRSS}\n`);
  });
}
