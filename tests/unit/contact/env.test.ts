import { afterEach, describe, expect, test, vi } from 'vitest';
import { detectRuntime, platformEnv, readContactConfig } from '../../../src/lib/contact/env.ts';

const envOf = (values: Record<string, string>) => (name: string) => values[name];
const KEY = 're_test_0123456789abcdef';
const outboxDir = () => '/tmp/test-outbox';

describe('detectRuntime', () => {
  test.each([
    ['nothing set (npm start, vitest)', {}, undefined, 'local'],
    ['netlify dev', { NETLIFY_DEV: 'true', CONTEXT: 'dev' }, 'dev', 'local'],
    ['netlify dev pretending to be production', { NETLIFY_DEV: 'true', CONTEXT: 'production' }, undefined, 'local'],
    ['CONTEXT=dev', { CONTEXT: 'dev' }, undefined, 'local'],
    ['CONTEXT=production', { CONTEXT: 'production' }, undefined, 'deployed'],
    ['deploy preview', { CONTEXT: 'deploy-preview' }, undefined, 'deployed'],
    ['branch deploy', { CONTEXT: 'branch-deploy' }, undefined, 'deployed'],
    ['production from the request context, no CONTEXT variable', {}, 'production', 'deployed'],
    ['request context wins over the variable', { CONTEXT: 'dev' }, 'production', 'deployed'],
    ['inside Lambda with no context at all', { AWS_LAMBDA_FUNCTION_NAME: 'contact' }, undefined, 'deployed'],
  ])('%s', (_label, values, deployContext, expected) => {
    expect(detectRuntime(envOf(values), deployContext)).toBe(expected);
  });
});

describe('readContactConfig', () => {
  test('a complete deployed configuration sends through Resend', () => {
    expect(
      readContactConfig(
        envOf({ RESEND_API_KEY: KEY, CONTACT_TO: 'studio@example.com, owner@example.com', CONTACT_FROM: 'Website <website@example.com>' }),
        'deployed',
        outboxDir,
      ),
    ).toEqual({ kind: 'resend', apiKey: KEY, to: ['studio@example.com', 'owner@example.com'], from: 'Website <website@example.com>' });
  });

  test('a base URL is passed on for stand-ins', () => {
    const config = readContactConfig(
      envOf({ RESEND_API_KEY: KEY, CONTACT_TO: 'studio@example.com', CONTACT_FROM: 'website@example.com', RESEND_BASE_URL: 'http://127.0.0.1:9999' }),
      'local',
      outboxDir,
    );
    expect(config).toMatchObject({ kind: 'resend', baseUrl: 'http://127.0.0.1:9999' });
  });

  test('locally without a key, inquiries go to the outbox (default or configured folder)', () => {
    expect(readContactConfig(envOf({}), 'local', outboxDir)).toMatchObject({ kind: 'outbox', dir: '/tmp/test-outbox' });
    expect(readContactConfig(envOf({ CONTACT_OUTBOX_DIR: '/tmp/elsewhere' }), 'local', outboxDir)).toMatchObject({
      kind: 'outbox',
      dir: '/tmp/elsewhere',
    });
  });

  test('deployed without anything: every missing variable is named', () => {
    expect(readContactConfig(envOf({}), 'deployed', outboxDir)).toEqual({
      kind: 'misconfigured',
      problems: ['RESEND_API_KEY is missing', 'CONTACT_TO is missing', 'CONTACT_FROM is missing'],
    });
  });

  test('a blank variable counts as missing', () => {
    const config = readContactConfig(envOf({ RESEND_API_KEY: '  ', CONTACT_TO: 'studio@example.com', CONTACT_FROM: 'website@example.com' }), 'deployed', outboxDir);
    expect(config).toEqual({ kind: 'misconfigured', problems: ['RESEND_API_KEY is missing'] });
  });

  test.each([
    ['RESEND_API_KEY', { RESEND_API_KEY: 'sk_live_secretvalue123' }],
    ['CONTACT_TO', { CONTACT_TO: 'studio-at-example.com' }],
    ['CONTACT_TO', { CONTACT_TO: ' , ' }],
    ['CONTACT_FROM', { CONTACT_FROM: 'Website <website@example.com>\r\nBcc: victim@example.com' }],
    ['CONTACT_FROM', { CONTACT_FROM: 'Website <not-an-address>' }],
    ['RESEND_BASE_URL', { RESEND_BASE_URL: 'ftp://example.com' }],
  ])('a malformed %s is named, and its value never appears', (name, override) => {
    const values = { RESEND_API_KEY: KEY, CONTACT_TO: 'studio@example.com', CONTACT_FROM: 'website@example.com', ...override };
    const config = readContactConfig(envOf(values), 'deployed', outboxDir);
    expect(config.kind).toBe('misconfigured');
    if (config.kind !== 'misconfigured') return;
    expect(config.problems).toHaveLength(1);
    expect(config.problems[0]).toMatch(new RegExp(`^${name} `));
    const text = JSON.stringify(config);
    for (const value of Object.values(override)) if (value.trim().length > 3) expect(text).not.toContain(value.trim());
  });

  test('locally, a set but malformed address is still a problem (the developer should know)', () => {
    expect(readContactConfig(envOf({ CONTACT_TO: 'nope' }), 'local', outboxDir)).toMatchObject({ kind: 'misconfigured' });
  });
});

describe('platformEnv', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.unstubAllEnvs();
  });

  test('reads process.env outside Netlify', () => {
    vi.stubEnv('CONTACT_TO', 'from-process@example.com');
    expect(platformEnv()('CONTACT_TO')).toBe('from-process@example.com');
  });

  test('reads Netlify.env inside Netlify', () => {
    vi.stubEnv('CONTACT_TO', 'from-process@example.com');
    vi.stubGlobal('Netlify', { env: { get: (name: string) => (name === 'CONTACT_TO' ? 'from-netlify@example.com' : undefined) } });
    expect(platformEnv()('CONTACT_TO')).toBe('from-netlify@example.com');
  });
});
