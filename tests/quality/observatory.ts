import { registerHooks } from 'node:module';

/**
 * Grades a captured response with the MDN HTTP Observatory's own analyzers and scoring
 * (@mdn/mdn-http-observatory: src/analyzer/tests/*.js, src/grader/grader.js), the way its scanner
 * does (src/scanner/index.js), without the network: the scanner fetches a live site over HTTPS;
 * here the responses come from Netlify's local runtime (tests/support/netlify-server.ts).
 *
 * Graded as if served at the site's real address over HTTPS, since what is under test is the
 * headers and the page's CSP <meta>, not the certificate:
 * - HTTPS works and its certificate verifies (Netlify provisions one for every site);
 * - http:// answers 301 to the same URL on https:// (Netlify forces HTTPS once the certificate
 *   exists), which is what the redirection test wants;
 * - the domain is not on the browsers' HSTS preload list, so HSTS is scored on the header alone.
 *   The preload list is read from conf/hsts-preload.json, which the package's install script
 *   downloads; this repository skips install scripts (.npmrc), so the file is absent and the
 *   module that reads it is replaced, for this process only, by an empty list. The analyzers
 *   themselves import fine without it: the list is read on first use only.
 *
 * One limit of the Observatory's CSP test: it merges the header and <meta> policies as an
 * intersection with the first (the header), so a directive that only the <meta> sets (script-src,
 * with Astro's hashes) reads as 'none' and an 'unsafe-inline' there would go unseen. The rule
 * checks in security-headers.ts judge each policy on its own and catch it.
 */

export interface CapturedResponse {
  status: number;
  /** Response headers as received (names in any case). */
  headers: Record<string, string>;
  body: string;
}

export interface ObservatoryTestResult {
  name: string;
  result: string;
  pass: boolean;
  modifier: number;
}

export interface ObservatoryGrade {
  score: number;
  grade: string;
  tests: ObservatoryTestResult[];
}

interface AnalyzerOutput {
  result: string | null;
  pass: boolean | null;
  constructor: { name: string };
}

interface ObservatoryModules {
  allTests: ((requests: unknown) => AnalyzerOutput)[];
  getScoreModifier: (expectation: string) => number;
  getGradeForScore: (score: number) => { score: number; grade: string };
  minimumScoreForExtraCredit: number;
  Requests: new (hostname: string) => ObservatoryRequests;
  parseHttpEquivHeaders: (html: string, baseUrl: string) => Map<string, string[]>;
}

interface ObservatoryRequests {
  hostname: string;
  resources: { path: string | null };
  responses: Record<string, unknown> & { httpRedirects: unknown[]; httpsRedirects: unknown[] };
  session: unknown;
}

const PACKAGE = '@mdn/mdn-http-observatory/src';
const EMPTY_PRELOAD_LIST = 'export function hsts() { return new Map(); }\nexport function isHstsPreloaded() { return null; }\n';

let modules: Promise<ObservatoryModules> | undefined;

function loadObservatory(): Promise<ObservatoryModules> {
  modules ??= (async () => {
    registerHooks({
      load(url, context, nextLoad) {
        if (url.endsWith('/@mdn/mdn-http-observatory/src/analyzer/hsts.js')) {
          return { format: 'module', source: EMPTY_PRELOAD_LIST, shortCircuit: true };
        }
        return nextLoad(url, context);
      },
    });
    const [constants, grader, charts, types, retrieverUtils] = await Promise.all([
      import(`${PACKAGE}/constants.js`),
      import(`${PACKAGE}/grader/grader.js`),
      import(`${PACKAGE}/grader/charts.js`),
      import(`${PACKAGE}/types.js`),
      import(`${PACKAGE}/retriever/utils.js`),
    ]);
    return {
      allTests: constants.ALL_TESTS,
      getScoreModifier: grader.getScoreModifier,
      getGradeForScore: grader.getGradeForScore,
      minimumScoreForExtraCredit: charts.MINIMUM_SCORE_FOR_EXTRA_CREDIT,
      Requests: types.Requests,
      parseHttpEquivHeaders: retrieverUtils.parseHttpEquivHeaders,
    };
  })();
  return modules;
}

/** The analyzers read headers as axios gives them: an object of lower-case names, with get(). */
function axiosLikeHeaders(headers: Record<string, string>): Record<string, string> {
  const lowerCased: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) lowerCased[name.toLowerCase()] = value;
  Object.defineProperty(lowerCased, 'get', { value: (name: string) => lowerCased[name.toLowerCase()] ?? null, enumerable: false });
  return lowerCased;
}

/**
 * Grades `response`, captured for `url` (the page's address on the real site, https://…).
 * `corsPreflight` is the answer to an OPTIONS request with an Origin header, as the scanner sends.
 */
export async function gradeResponse(url: string, response: CapturedResponse, corsPreflight?: CapturedResponse): Promise<ObservatoryGrade> {
  const observatory = await loadObservatory();
  const pageUrl = new URL(url);
  const toAxios = (captured: CapturedResponse, requestHeaders: Record<string, string> = {}): Record<string, unknown> => ({
    status: captured.status,
    statusText: '',
    headers: axiosLikeHeaders(captured.headers),
    data: captured.body,
    verified: true,
    request: { headers: axiosLikeHeaders(requestHeaders) },
    config: { headers: axiosLikeHeaders(requestHeaders) },
  });

  const requests = new observatory.Requests(pageUrl.hostname);
  const auto = toAxios(response);
  const contentType = (response.headers['content-type'] ?? response.headers['Content-Type'] ?? '').split(';')[0]?.trim();
  auto.httpEquiv = contentType === 'text/html' ? observatory.parseHttpEquivHeaders(response.body, pageUrl.href) : new Map();
  requests.responses.auto = auto;
  requests.responses.https = auto;
  const httpUrl = new URL(pageUrl);
  httpUrl.protocol = 'http:';
  requests.responses.http = toAxios({ status: 301, headers: { location: pageUrl.href }, body: '' });
  requests.responses.httpRedirects = [
    { url: httpUrl, status: 301 },
    { url: pageUrl, status: response.status },
  ];
  requests.responses.httpsRedirects = requests.responses.httpRedirects;
  requests.responses.cors = toAxios(corsPreflight ?? response, { origin: 'https://http-observatory.security.mozilla.org' });
  requests.resources.path = response.body;
  requests.session = { url: pageUrl };

  let withExtraCredit = 100;
  let uncurved = 100;
  const tests = observatory.allTests.map((test) => {
    const output = test(requests);
    const modifier = output.result ? observatory.getScoreModifier(output.result) : 0;
    withExtraCredit += modifier;
    if (modifier < 0) uncurved += modifier;
    return { name: output.constructor.name, result: output.result ?? 'none', pass: Boolean(output.pass), modifier };
  });
  // As the scanner: extra credit counts only once the score without it is already an A.
  const { score, grade } = observatory.getGradeForScore(uncurved >= observatory.minimumScoreForExtraCredit ? withExtraCredit : uncurved);
  return { score, grade, tests };
}
