/**
 * The port a local server takes: PORT when it is set, else a free one the system picks, so runs side
 * by side never clash. Browsers and Node's fetch refuse some ports outright (the Fetch standard's
 * "bad ports", 5060 among them); fetch itself is asked, so such a PORT stops at once with a message
 * rather than a browser test failing minutes later.
 *
 *   node tests/support/port.ts           prints PORT, or a free port; exits 1 for a refused PORT
 *   node tests/support/port.ts --check   only the check (npm start, npm run serve)
 */
import { createServer } from 'node:net';

/** Why `value` cannot serve the site to a browser, or undefined when it can. */
export async function portProblem(value: string): Promise<string | undefined> {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65_535) return `PORT=${value} is not a port number (1 to 65535).`;
  const refused = await fetch(`http://127.0.0.1:${port}/`, { method: 'HEAD', signal: AbortSignal.timeout(2000) }).then(
    () => false,
    (error: Error) => (error.cause as Error | undefined)?.message === 'bad port',
  );
  return refused ? `PORT=${port} is a port browsers refuse to open ("bad port"). Choose another, such as PORT=4322.` : undefined;
}

/** A port nothing listens on now, picked by the system. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

if (import.meta.main) {
  const wanted = process.env.PORT?.trim();
  const problem = wanted ? await portProblem(wanted) : undefined;
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
  if (!process.argv.includes('--check')) console.log(wanted || (await freePort()));
}
