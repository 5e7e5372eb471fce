import { budgets } from './budgets.ts';

/**
 * The security policy the site promises, checked directly on a response's effective headers (the
 * Observatory grade covers most of it with its own weights; these checks name the exact rule broken,
 * and cover what the Observatory does not score, such as Cross-Origin-Opener-Policy).
 */

export type CspPolicy = Map<string, string[]>;

/** Parses one serialized policy ("default-src 'none'; img-src 'self'") into directive → sources. */
export function parseCsp(policy: string): CspPolicy {
  const directives: CspPolicy = new Map();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    // As browsers do: the first occurrence of a directive wins.
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/** The content of every <meta http-equiv="content-security-policy"> in a page. */
export function metaPolicies(html: string): string[] {
  return [...html.matchAll(/<meta\s[^>]*http-equiv=["']?content-security-policy["']?[^>]*>/gi)]
    .map((match) => /content=(["'])(.*?)\1/i.exec(match[0])?.[2] ?? '')
    .filter(Boolean);
}

function header(headers: Record<string, string>, name: string): string | undefined {
  return Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
}

const STRICT_REFERRER_POLICIES = new Set(['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin']);
const UNSAFE_SCRIPT_SOURCES = new Set(["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", 'data:', '*', 'http:', 'https:']);

/**
 * CSP rules for a page. Every policy (the header and each <meta>) is enforced on its own, so a
 * restriction holds when any one policy sets it, and a policy that allows unsafe script is a hole
 * only if it is the sole policy governing scripts.
 */
export function cspProblems(headerPolicy: string | undefined, pageMetaPolicies: readonly string[]): string[] {
  const problems: string[] = [];
  const header = headerPolicy ? [parseCsp(headerPolicy)] : [];
  const all = [...header, ...pageMetaPolicies.map(parseCsp)];
  if (all.length === 0) return ['no Content-Security-Policy (header or <meta>)'];

  const someSets = (directive: string, allowed: (sources: string[]) => boolean): boolean =>
    all.some((policy) => policy.has(directive) && allowed(policy.get(directive) ?? []));
  const only = (...values: string[]) => (sources: string[]) => sources.length > 0 && sources.every((source) => values.includes(source));

  if (!someSets('default-src', only("'none'", "'self'"))) problems.push("no policy sets default-src 'none' or 'self'");
  const scriptPolicies = all.filter((policy) => policy.has('script-src') || policy.has('default-src'));
  const scriptSafe = scriptPolicies.some((policy) => (policy.get('script-src') ?? policy.get('default-src') ?? []).every((source) => !UNSAFE_SCRIPT_SOURCES.has(source)));
  if (!scriptSafe) problems.push("scripts are allowed 'unsafe-inline', 'unsafe-eval' or a whole scheme");
  if (!header.some((policy) => only("'none'")(policy.get('frame-ancestors') ?? []))) {
    problems.push("the CSP header does not set frame-ancestors 'none' (a <meta> policy cannot)");
  }
  if (!someSets('base-uri', only("'none'", "'self'"))) problems.push("no policy sets base-uri 'none' or 'self'");
  if (!someSets('form-action', only("'self'", "'none'"))) problems.push("no policy sets form-action 'self'");
  const objectSafe = all.some((policy) => only("'none'")(policy.get('object-src') ?? policy.get('default-src') ?? []));
  if (!objectSafe) problems.push("no policy sets object-src (or default-src) 'none'");
  return problems;
}

/** Header rules for a page the CDN serves. */
export function pageHeaderProblems(headers: Record<string, string>, html: string): string[] {
  const problems: string[] = [];
  const hsts = header(headers, 'strict-transport-security') ?? '';
  const maxAge = Number(/max-age=(\d+)/i.exec(hsts)?.[1] ?? 0);
  if (maxAge < budgets.hstsMaxAge) problems.push(`Strict-Transport-Security max-age is ${maxAge}, under one year (${budgets.hstsMaxAge})`);
  if (header(headers, 'x-content-type-options')?.toLowerCase() !== 'nosniff') problems.push('X-Content-Type-Options is not nosniff');
  const referrer = header(headers, 'referrer-policy')?.split(',').pop()?.trim().toLowerCase() ?? '';
  if (!STRICT_REFERRER_POLICIES.has(referrer)) problems.push(`Referrer-Policy is "${referrer}", not strict-origin-when-cross-origin or stricter`);
  if (header(headers, 'cross-origin-opener-policy')?.toLowerCase() !== 'same-origin') problems.push('Cross-Origin-Opener-Policy is not same-origin');
  if (!['same-origin', 'same-site'].includes(header(headers, 'cross-origin-resource-policy')?.toLowerCase() ?? '')) {
    problems.push('Cross-Origin-Resource-Policy is not same-origin or same-site');
  }
  problems.push(...cspProblems(header(headers, 'content-security-policy'), metaPolicies(html)));
  return problems;
}

/**
 * Header rules for the contact function's answers, which Netlify does not give the CDN's headers:
 * never cached, never sniffed, and a CSP that allows nothing (default-src 'none', no framing).
 */
export function functionResponseProblems(status: number, headers: Record<string, string>): string[] {
  const problems: string[] = [];
  if (status < 400 || status > 499) problems.push(`answered ${status}, not a 4xx`);
  if (!/\bno-store\b/i.test(header(headers, 'cache-control') ?? '')) problems.push(`Cache-Control is "${header(headers, 'cache-control') ?? ''}", not no-store`);
  if (header(headers, 'x-content-type-options')?.toLowerCase() !== 'nosniff') problems.push('X-Content-Type-Options is not nosniff');
  const csp = header(headers, 'content-security-policy');
  if (!csp) problems.push('no Content-Security-Policy header');
  else {
    const policy = parseCsp(csp);
    if ((policy.get('default-src') ?? []).join(' ') !== "'none'") problems.push(`the CSP's default-src is not 'none': ${csp}`);
    if ((policy.get('frame-ancestors') ?? []).join(' ') !== "'none'") problems.push(`the CSP's frame-ancestors is not 'none': ${csp}`);
    if (/'unsafe-(inline|eval|hashes)'/.test(csp)) problems.push(`the CSP allows unsafe sources: ${csp}`);
  }
  return problems;
}
