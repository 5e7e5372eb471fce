/**
 * Largest Contentful Paint per page: Lighthouse 13's simulated mobile run (its defaults, as the
 * quality gates use it: slow 4G, 4× CPU), several times a page, the median reported.
 *
 * The build is served by Netlify's local runtime (tests/support/netlify-server.ts). That runtime does
 * not compress, and Netlify's CDN sends text brotli-compressed; with --brotli (what `npm run bench`
 * uses) a small front compresses text answers as the CDN does and changes nothing else. It matters:
 * uncompressed, a 19 KB page needs a second round trip where 5 KB of brotli needs one, and on
 * loopback the HTML then arrives in pieces, so Chrome lays the page out (and asks for the web font)
 * well before it paints; Lighthouse then counts the font, finished before the paint, as needed for it.
 *
 *   node bench/lcp.ts [--runs=3] [--pages=/,/faq/] [--brotli] [--json=out.json]    (needs a build)
 *
 * Runs go page after page, then again, so a busy spell on the machine does not fall on one page.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import { brotliCompressSync, constants } from 'node:zlib';
import type { Result } from 'lighthouse';
import { launchChrome, metrics, runLighthouse } from '../tests/quality/lighthouse.ts';
import { startNetlifyServer } from '../tests/support/netlify-server.ts';
import { qualityPages, type QualityPage } from '../tests/quality/site-pages.ts';
import { median } from './stats.ts';

export interface LcpRun {
  readonly lcp: number;
  readonly fcp: number;
  readonly cls: number;
  /** Layout shift Lighthouse attributes to a web font arriving. */
  readonly clsFromFonts: number;
  /** The LCP element, as Lighthouse names it. */
  readonly element: string;
  /** Lighthouse's LCP breakdown (observed, unthrottled): subpart → ms. */
  readonly breakdown: Readonly<Record<string, number>>;
}

export interface LcpPage {
  readonly page: string;
  readonly runs: readonly LcpRun[];
  readonly lcp: number;
  readonly fcp: number;
  readonly maxCls: number;
}

export interface LcpOptions {
  readonly runs: number;
  /** Page labels as the quality gates name them ("/", "/faq/", "404"); all when absent. */
  readonly pages?: readonly string[];
  readonly serverPort: number;
  readonly chromePort: number;
  /** Also serve text brotli-compressed, as Netlify's CDN does (the local runtime does not compress). */
  readonly brotli?: boolean;
  readonly log?: (line: string) => void;
}

interface DetailItems {
  items?: { subpart?: string; duration?: number; score?: number; subItems?: { items?: { cause?: string }[] }; type?: string; selector?: string; items?: unknown[] }[];
}

function lcpRun(lhr: Result): LcpRun {
  const { lcp, fcp, cls } = metrics(lhr);
  const shifts = ((lhr.audits['layout-shifts']?.details as DetailItems | undefined)?.items ?? []) as { score?: number; subItems?: { items?: { cause?: string }[] } }[];
  const clsFromFonts = shifts
    .filter((shift) => (shift.subItems?.items ?? []).some((item) => item.cause === 'Web font loaded'))
    .reduce((total, shift) => total + (shift.score ?? 0), 0);
  const breakdownParts = ((lhr.audits['lcp-breakdown-insight']?.details as DetailItems | undefined)?.items ?? []) as { type?: string; items?: { subpart?: string; duration?: number }[]; selector?: string }[];
  const table = breakdownParts.find((part) => part.type === 'table');
  const node = breakdownParts.find((part) => part.type === 'node');
  return {
    lcp,
    fcp,
    cls,
    clsFromFonts,
    element: node?.selector ?? '?',
    breakdown: Object.fromEntries((table?.items ?? []).map((item) => [item.subpart ?? '?', Math.round(item.duration ?? Number.NaN)])),
  };
}

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|manifest\+json|xml)|image\/svg)/;

/**
 * In front of Netlify's local runtime: the same answers, with text brotli-compressed when the browser
 * accepts it, as Netlify's CDN sends them. Nothing else changes (headers, status, body).
 */
async function startBrotliFront(port: number, target: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const upstream = httpRequest(new URL(req.url ?? '/', target), { method: req.method, headers: { ...req.headers, 'accept-encoding': 'identity' } }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        let body = Buffer.concat(chunks);
        const headers = { ...answer.headers };
        const compress = COMPRESSIBLE.test(String(headers['content-type'] ?? '')) && /\bbr\b/.test(String(req.headers['accept-encoding'] ?? '')) && body.byteLength > 0;
        if (compress) {
          body = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength } });
          headers['content-encoding'] = 'br';
          headers['vary'] = 'Accept-Encoding';
          headers['content-length'] = String(body.byteLength);
        }
        res.writeHead(answer.statusCode ?? 502, headers);
        res.end(body);
      });
    });
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://localhost:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export async function measureLcp(options: LcpOptions): Promise<LcpPage[]> {
  const log = options.log ?? (() => undefined);
  const pages: QualityPage[] = qualityPages().filter((page) => !options.pages || options.pages.includes(page.label));
  const netlify = await startNetlifyServer(options.serverPort);
  const front = options.brotli ? await startBrotliFront(options.serverPort + 1, netlify.url) : undefined;
  const server = front ?? netlify;
  const chrome = await launchChrome(options.chromePort);
  const runs = new Map<string, LcpRun[]>(pages.map((page) => [page.label, []]));
  try {
    for (let round = 1; round <= options.runs; round += 1) {
      for (const page of pages) {
        // Lighthouse's Performance category only, mobile defaults, as the quality gates run it.
        const run = lcpRun(await runLighthouse(`${server.url}${page.requestPath}`, chrome.port, ['performance']));
        runs.get(page.label)!.push(run);
        log(`  lcp ${round}/${options.runs} ${page.label.padEnd(22)} LCP ${Math.round(run.lcp)} ms  FCP ${Math.round(run.fcp)} ms  CLS ${run.cls.toFixed(3)}`);
      }
    }
  } finally {
    await chrome.kill();
    await front?.close();
    await netlify.close();
  }
  return pages.map((page) => {
    const pageRuns = runs.get(page.label)!;
    return {
      page: page.label,
      runs: pageRuns,
      lcp: median(pageRuns.map((run) => run.lcp)),
      fcp: median(pageRuns.map((run) => run.fcp)),
      maxCls: Math.max(...pageRuns.map((run) => run.cls)),
    };
  });
}

if (import.meta.main) {
  const arg = (name: string) => process.argv.find((value) => value.startsWith(`--${name}=`))?.slice(name.length + 3);
  const results = await measureLcp({
    runs: Number(arg('runs') ?? 3),
    pages: arg('pages')?.split(','),
    serverPort: Number(process.env.PORT ?? 4510),
    chromePort: 4519,
    brotli: process.argv.includes('--brotli'),
    log: console.log,
  });
  for (const result of results) {
    console.log(`${result.page.padEnd(22)} LCP median ${Math.round(result.lcp)} ms (${result.runs.map((run) => Math.round(run.lcp)).join(', ')})  FCP ${Math.round(result.fcp)} ms  max CLS ${result.maxCls.toFixed(3)}  ${result.runs[0]?.element}`);
  }
  if (arg('json')) (await import('node:fs')).writeFileSync(arg('json')!, JSON.stringify(results, null, 1));
}
