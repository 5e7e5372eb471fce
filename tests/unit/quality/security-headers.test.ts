import { describe, expect, test } from 'vitest';
import { gradeResponse } from '../../quality/observatory.ts';
import { cspProblems, functionResponseProblems, metaPolicies, pageHeaderProblems } from '../../quality/security-headers.ts';

/** A page as Astro builds it: its CSP <meta> with hashes (shortened here), default-src 'none'. */
const META_POLICY = "default-src 'none';img-src 'self' data:;font-src 'self';connect-src 'self';form-action 'self';base-uri 'none';manifest-src 'self'; script-src 'self' 'sha256-AAAA'; style-src 'self' 'sha256-BBBB';";
const pageHtml = (policy = META_POLICY): string =>
  `<!doctype html><html lang="en"><head><meta http-equiv="content-security-policy" content="${policy}"><title>t</title></head><body></body></html>`;

/**
 * Headers like those netlify.toml gives every page. The served headers themselves are checked by
 * `npm run test:quality`, on every page; these tests check the checks.
 */
function ourHeaders(): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'Strict-Transport-Security': 'max-age=63072000; includeSubDomains; preload',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    'Content-Security-Policy': "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'",
  };
}

test('metaPolicies reads the CSP <meta> Astro emits', () => {
  expect(metaPolicies(pageHtml())).toEqual([META_POLICY]);
});

describe('headers like netlify.toml\'s with the CSP <meta>', () => {
  test('meet every rule of the security policy', () => {
    expect(pageHeaderProblems(ourHeaders(), pageHtml())).toEqual([]);
  });

  test('grade A+ on the MDN HTTP Observatory', async () => {
    const grade = await gradeResponse('https://www.example.com/', { status: 200, headers: ourHeaders(), body: pageHtml() });
    expect(grade.grade).toBe('A+');
    expect(grade.score).toBeGreaterThanOrEqual(100);
    expect(grade.tests.filter((test) => !test.pass)).toEqual([]);
  });
});

describe('the checks fail when the policy weakens', () => {
  test.each([
    ['HSTS under a year', { 'Strict-Transport-Security': 'max-age=15552000' }, 'Strict-Transport-Security max-age is 15552000, under one year (31536000)'],
    ['no nosniff', { 'X-Content-Type-Options': '' }, 'X-Content-Type-Options is not nosniff'],
    ['a leaky Referrer-Policy', { 'Referrer-Policy': 'unsafe-url' }, 'Referrer-Policy is "unsafe-url", not strict-origin-when-cross-origin or stricter'],
    ['no COOP', { 'Cross-Origin-Opener-Policy': '' }, 'Cross-Origin-Opener-Policy is not same-origin'],
    ['a cross-origin CORP', { 'Cross-Origin-Resource-Policy': 'cross-origin' }, 'Cross-Origin-Resource-Policy is not same-origin or same-site'],
    ['framing allowed', { 'Content-Security-Policy': "base-uri 'none'; form-action 'self'" }, "the CSP header does not set frame-ancestors 'none' (a <meta> policy cannot)"],
  ])('%s', (_label, override, problem) => {
    expect(pageHeaderProblems({ ...ourHeaders(), ...override }, pageHtml())).toEqual([problem]);
  });

  test.each([
    ['unsafe-inline scripts', META_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"), "scripts are allowed 'unsafe-inline', 'unsafe-eval' or a whole scheme"],
    ['unsafe-eval', META_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'"), "scripts are allowed 'unsafe-inline', 'unsafe-eval' or a whole scheme"],
    ['no default-src', META_POLICY.replace("default-src 'none';", ''), "no policy sets default-src 'none' or 'self'"],
  ])('a <meta> policy with %s', (_label, policy, problem) => {
    expect(cspProblems("frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'", [policy])).toEqual([problem]);
  });

  test('frame-ancestors in a <meta> policy does not count', () => {
    expect(cspProblems(undefined, [`${META_POLICY} frame-ancestors 'none'`])).toEqual(["the CSP header does not set frame-ancestors 'none' (a <meta> policy cannot)"]);
  });

  test('the Observatory grades a page without a CSP or HSTS far below A+', async () => {
    const headers = ourHeaders();
    delete headers['Content-Security-Policy'];
    delete headers['Strict-Transport-Security'];
    const grade = await gradeResponse('https://www.example.com/', { status: 200, headers, body: '<!doctype html><title>t</title>' });
    expect(grade.score).toBeLessThan(100);
    expect(grade.tests.find((test) => test.name === 'content-security-policy')?.result).toBe('csp-not-implemented');
    expect(grade.tests.find((test) => test.name === 'strict-transport-security')?.result).toBe('hsts-not-implemented');
  });

  test('the Observatory takes points for unsafe-inline script in a page\'s only policy', async () => {
    // Without hashes: beside a hash, browsers (and the Observatory) ignore 'unsafe-inline'.
    const policy = META_POLICY.replace("script-src 'self' 'sha256-AAAA'", "script-src 'self' 'unsafe-inline'");
    const headers = ourHeaders();
    delete headers['Content-Security-Policy'];
    const grade = await gradeResponse('https://www.example.com/', { status: 200, headers, body: pageHtml(policy) });
    expect(grade.tests.find((test) => test.name === 'content-security-policy')?.result).toBe('csp-implemented-with-unsafe-inline');
  });

  test('beside a CSP header the Observatory cannot see what the <meta> policy allows; the rule check can', async () => {
    // The Observatory merges policies as an intersection with the first one (the header), so a
    // directive only the <meta> sets reads as 'none'. pageHeaderProblems judges each policy alone.
    const policy = META_POLICY.replace("script-src 'self' 'sha256-AAAA'", "script-src 'self' 'unsafe-inline'");
    const headers = ourHeaders();
    const grade = await gradeResponse('https://www.example.com/', { status: 200, headers, body: pageHtml(policy) });
    expect(grade.tests.find((test) => test.name === 'content-security-policy')?.result).toBe('csp-implemented-with-no-unsafe-default-src-none');
    expect(pageHeaderProblems(headers, pageHtml(policy))).toEqual(["scripts are allowed 'unsafe-inline', 'unsafe-eval' or a whole scheme"]);
  });
});

describe('functionResponseProblems', () => {
  const good = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'" };

  test('a refused request with the function\'s headers passes', () => {
    expect(functionResponseProblems(422, good)).toEqual([]);
  });

  test.each([
    ['a success', 200, {}, 'answered 200, not a 4xx'],
    ['a cacheable answer', 400, { 'Cache-Control': 'max-age=60' }, 'Cache-Control is "max-age=60", not no-store'],
    ['no nosniff', 400, { 'X-Content-Type-Options': '' }, 'X-Content-Type-Options is not nosniff'],
    ['a permissive CSP', 400, { 'Content-Security-Policy': "default-src 'self'; frame-ancestors 'none'" }, "the CSP's default-src is not 'none': default-src 'self'; frame-ancestors 'none'"],
  ])('flags %s', (_label, status, override, problem) => {
    expect(functionResponseProblems(status, { ...good, ...override })).toEqual([problem]);
  });
});
