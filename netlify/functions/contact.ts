import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Config, Context } from '@netlify/functions';
import { Resend } from 'resend';
import { createDeliveryChooser } from '../../src/lib/contact/choose-delivery.ts';
import { platformEnv } from '../../src/lib/contact/env.ts';
import { createContactHandler } from '../../src/lib/contact/handler.ts';
import { consoleLogger } from '../../src/lib/contact/log.ts';
import { loadSiteFacts } from '../../src/lib/contact/site-facts.ts';

/**
 * POST /api/contact: the contact form's inquiries, validated and emailed to the studio.
 * Wiring only; the behaviour lives in src/lib/contact/ and is unit-tested there. Nothing here runs
 * at import time beyond building closures: the environment is read and clients are made per request.
 */
const handleContact = createContactHandler({
  chooseDelivery: createDeliveryChooser({
    env: platformEnv,
    defaultOutboxDir: () => join(process.cwd(), '.outbox'),
    now: () => new Date(),
    resendEmails: (apiKey, baseUrl) => new Resend(apiKey, baseUrl ? { baseUrl } : undefined).emails,
  }),
  siteFacts: loadSiteFacts,
  now: () => new Date(),
  log: consoleLogger,
  createId: randomUUID,
});

export default async (request: Request, context: Context): Promise<Response> => handleContact(request, context);

export const config: Config = {
  path: '/api/contact',
  method: 'POST',
  // Ten inquiries a minute per visitor is far more than a person sends. aggregateBy must be a
  // list: a single string is silently read as ['domain'], one limit for the whole site.
  rateLimit: { windowLimit: 10, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
