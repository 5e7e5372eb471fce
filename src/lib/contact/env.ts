import { z } from 'zod';

/** Reads one environment variable. Injected so tests never touch the real environment. */
export type EnvSource = (name: string) => string | undefined;

/**
 * The platform's environment: `Netlify.env` inside Netlify's runtime (and `netlify dev`),
 * `process.env` anywhere else (the local test server, vitest). Read per call, never cached.
 */
export function platformEnv(): EnvSource {
  const netlify = (globalThis as { Netlify?: { env?: { get(name: string): string | undefined } } }).Netlify;
  const netlifyEnv = netlify?.env;
  if (netlifyEnv) return (name) => netlifyEnv.get(name);
  return (name) => process.env[name];
}

/**
 * Where the function runs decides what a missing API key means.
 *
 * - `local`: `NETLIFY_DEV=true`, or the deploy context is `dev`, or there is no deploy context at
 *   all and we are not inside AWS Lambda (which Netlify functions run on). Without RESEND_API_KEY,
 *   inquiries go to the outbox folder so the form works with no accounts.
 * - `deployed`: any other deploy context: `production`, and also `deploy-preview` and
 *   `branch-deploy`. There the file system is read-only and thrown away after each request, so an
 *   outbox would swallow inquiries while telling visitors they were sent. Missing configuration is
 *   therefore a 503 with the phone number in every deployed context, not only production.
 *
 * The deploy context comes from the request's `context.deploy.context` when Netlify passes it
 * (reliable at run time) and otherwise from the `CONTEXT` variable (set in builds, not always at
 * run time, which is why Lambda's own variable is the last guard).
 */
export type Runtime = 'local' | 'deployed';

export function detectRuntime(env: EnvSource, deployContext?: string): Runtime {
  if (env('NETLIFY_DEV') === 'true') return 'local';
  const context = (deployContext || env('CONTEXT') || '').trim();
  if (context === 'dev') return 'local';
  if (context !== '') return 'deployed';
  return env('AWS_LAMBDA_FUNCTION_NAME') ? 'deployed' : 'local';
}

export type ContactConfig =
  | {
      readonly kind: 'resend';
      readonly apiKey: string;
      readonly to: readonly string[];
      readonly from: string;
      /** Only for pointing the SDK at a stand-in in tests; unset in production. */
      readonly baseUrl?: string;
    }
  | { readonly kind: 'outbox'; readonly dir: string; readonly to: readonly string[]; readonly from: string }
  /** `problems` name variables and rules, never values (one of them is a secret). */
  | { readonly kind: 'misconfigured'; readonly problems: readonly string[] };

const apiKey = z.string().regex(/^re_[A-Za-z0-9_-]{8,}$/, 'must be a Resend API key, starting with re_');

const emailList = z
  .string()
  .transform((value) => value.split(',').map((address) => address.trim()).filter(Boolean))
  .pipe(
    z
      .array(z.email())
      .min(1)
      .max(50),
  );

/** "Name <address>" or a bare address, on one line: it becomes the From header. */
const sender = z.string().refine((value) => {
  if (/[\p{Cc}\p{Zl}\p{Zp}]/u.test(value)) return false;
  const match = /^\s*(?:[^<>]*<([^<>\s]+)>|([^<>\s]+))\s*$/.exec(value);
  const address = match?.[1] ?? match?.[2];
  return address !== undefined && z.email().safeParse(address).success;
});

const httpUrl = z.url({ protocol: /^https?$/ });

const RULES = {
  RESEND_API_KEY: 'must be a Resend API key, starting with re_',
  CONTACT_TO: 'must be one or more email addresses separated by commas',
  CONTACT_FROM: 'must be an address on your verified sending domain, like "Website <website@yourdomain.com>"',
  RESEND_BASE_URL: 'must be an http(s) URL (leave it unset in production)',
} as const;

/** Placeholders for the local outbox when CONTACT_TO / CONTACT_FROM are not set: it sends nothing anyway. */
const OUTBOX_DEFAULT_TO = ['studio-inbox@example.com'];
const OUTBOX_DEFAULT_FROM = 'Website contact form <website@example.com>';

function present(env: EnvSource, name: string): string | undefined {
  const value = env(name)?.trim();
  return value ? value : undefined;
}

/**
 * Reads and checks the contact configuration. Never throws; a problem is a value the handler
 * turns into a 503 and one log line.
 */
export function readContactConfig(env: EnvSource, runtime: Runtime, defaultOutboxDir: () => string): ContactConfig {
  const problems: string[] = [];
  const check = <T>(name: keyof typeof RULES, schema: z.ZodType<T>, value: string | undefined): T | undefined => {
    if (value === undefined) return undefined;
    const result = schema.safeParse(value);
    if (!result.success) problems.push(`${name} ${RULES[name]}`);
    return result.success ? result.data : undefined;
  };

  const key = present(env, 'RESEND_API_KEY');
  const toValue = present(env, 'CONTACT_TO');
  const fromValue = present(env, 'CONTACT_FROM');
  const to = check('CONTACT_TO', emailList, toValue);
  const from = check('CONTACT_FROM', sender, fromValue);

  if (key === undefined && runtime === 'local') {
    if (problems.length > 0) return { kind: 'misconfigured', problems };
    return {
      kind: 'outbox',
      dir: present(env, 'CONTACT_OUTBOX_DIR') ?? defaultOutboxDir(),
      to: to ?? OUTBOX_DEFAULT_TO,
      from: (from ?? OUTBOX_DEFAULT_FROM).trim(),
    };
  }

  const validKey = check('RESEND_API_KEY', apiKey, key);
  const baseUrl = check('RESEND_BASE_URL', httpUrl, present(env, 'RESEND_BASE_URL'));
  if (key === undefined) problems.unshift('RESEND_API_KEY is missing');
  if (toValue === undefined) problems.push('CONTACT_TO is missing');
  if (fromValue === undefined) problems.push('CONTACT_FROM is missing');
  if (problems.length > 0 || validKey === undefined || to === undefined || from === undefined) {
    return { kind: 'misconfigured', problems };
  }
  return { kind: 'resend', apiKey: validKey, to, from: from.trim(), ...(baseUrl ? { baseUrl } : {}) };
}
