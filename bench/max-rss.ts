/**
 * Loaded with `node --import ./bench/max-rss.ts …` by the build benchmark: when the process exits,
 * writes its peak resident memory (getrusage maxRSS, in KiB) to the file named by BENCH_RSS_FILE.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
