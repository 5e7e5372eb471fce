/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

// Through Astro's Vite config so tests can import `astro:content` schemas and `astro/zod` as the site does.
export default getViteConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/contract/**/*.test.ts'],
    environment: 'node',
    // Generous, as the limit is for a hung test: fast-check runs hundreds of cases, and a busy
    // 2-core machine runs them several times slower than an idle one.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Most files wait on timers or a child build rather than the CPU, so more than the cores run at once.
    maxWorkers: 4,
  },
});
