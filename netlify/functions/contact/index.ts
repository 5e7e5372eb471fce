import { randomUUID } from 'node:crypto';
import type { Config, Context } from '@netlify/functions';
import { getSiteSettings } from '../../../src/lib/site-settings.ts';
import { idempotencyKeyFor, renderInquiryEmail } from './email.ts';
import { fieldErrors, inquirySchema } from './inquiry.ts';
import { readLocationChoices } from './locations.ts';
import type { LocationChoices } from './locations.ts';
import { reply, replyFormatOf } from './replies.ts';
import type { Outcome, SiteFacts } from './replies.ts';
import { botSignOf, isSameOriginPost, readFields } from './request.ts';
import { mailFrom, send } from './send.ts';

/**
 * POST /api/contact: the contact form's inquiries, validated and emailed to the studio. `decide`
 * reads top to bottom: method, origin, body, bot trap, validation, speed, delivery. Nothing runs at
 * import time: the environment is read and clients are made per request.
 */
export const config: Config = {
  // Every method reaches the function, so anything but POST gets its 405, deployed and locally alike.
  path: '/api/contact',
  // Ten inquiries a minute per visitor is far more than a person sends. aggregateBy must be a
  // list: a single string is silently read as ['domain'], one limit for the whole site.
  rateLimit: { windowLimit: 10, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};

/** One log line per request: no field holds visitor text, provider message text or a variable's value. */
export interface ContactLogEntry {
  readonly id: string;
  readonly outcome: string;
  readonly status: number;
  readonly via?: 'resend' | 'outbox';
  readonly attempts?: number;
  readonly messageId?: string;
  readonly duplicate?: true;
  readonly savedTo?: string;
  readonly detail?: string;
  readonly problems?: readonly string[];
  readonly fields?: readonly string[];
  readonly warning?: string;
}

export type ContactLogger = (entry: ContactLogEntry) => void;

const logToConsole: ContactLogger = (entry) => {
  const line = `[contact] ${JSON.stringify(entry)}`;
  if (entry.status >= 500) console.error(line);
  else if (entry.warning) console.warn(line);
  else console.log(line);
  if (entry.savedTo && entry.duplicate) console.log(`[contact] Already saved in ${entry.savedTo}: the same inquiry was sent again, and nothing new was written.`);
  else if (entry.savedTo) console.log(`[contact] No RESEND_API_KEY, so no email was sent: the inquiry is saved in ${entry.savedTo}`);
};

/** What touches the world, replaceable in tests. */
export interface ContactDeps {
  /** Default: `Netlify.env` inside Netlify's runtime, `process.env` elsewhere; read per request. */
  readonly env: (name: string) => string | undefined;
  /** Every location, drafts too (src/content/locations/). */
  readonly readLocations: () => Promise<LocationChoices>;
  /** Practice name and phone (src/content/settings.json), read on first use so a broken file still gets an answer. */
  readonly siteFacts: () => Promise<SiteFacts>;
  readonly log: ContactLogger;
  /** Delivers through Resend or the local outbox (send.ts); tests record instead, or change the pace. */
  readonly send: typeof send;
}

const platformEnv = (name: string): string | undefined => (globalThis as { Netlify?: { env: { get(name: string): string | undefined } } }).Netlify?.env.get(name) ?? process.env[name];

interface Decision {
  readonly outcome: Outcome;
  readonly log?: Omit<ContactLogEntry, 'id' | 'status'>;
}

/** The contact function: answers every request, never throws, never says "sent" unless the email went. */
export function createContactHandler(deps: Partial<ContactDeps> = {}) {
  const { env = platformEnv, readLocations = () => readLocationChoices(), siteFacts = getSiteSettings, log = logToConsole } = deps;
  const deliver = deps.send ?? send;

  async function decide(request: Request, deployContext: string | undefined, facts: SiteFacts): Promise<Decision> {
    if (request.method !== 'POST') return { outcome: { kind: 'wrong-method' } };
    if (!isSameOriginPost(request)) return { outcome: { kind: 'cross-site' } };

    const body = await readFields(request);
    if (!body.ok) return { outcome: { kind: body.problem } };

    // Bots get a success-shaped answer and nothing is sent. Speed is only a sign: a person who
    // sends a half-filled form at once must see what to fix, so that check waits for valid answers.
    const bot = botSignOf(body.fields);
    if (bot === 'honeypot') return { outcome: { kind: 'sent' }, log: { outcome: 'discarded-honeypot' } };

    const locations = await readLocations();
    // Without the list any id-shaped setting is taken and named by its id: the owner should hear why.
    const noted = locations.ok ? {} : { warning: `location list unreadable (${locations.problem}): settings named by their ids` };
    const parsed = inquirySchema(locations.ok ? locations.choices.map((choice) => choice.value) : undefined).safeParse(body.fields);
    if (!parsed.success) {
      const found = fieldErrors(parsed.error);
      const errors = Object.keys(found).length > 0 ? found : { message: 'Check your answers and try again.' };
      return { outcome: { kind: 'invalid', errors }, log: { outcome: 'invalid', fields: Object.keys(errors), ...noted } };
    }
    if (bot === 'too-fast') return { outcome: { kind: 'sent' }, log: { outcome: 'discarded-too-fast' } };

    const mail = mailFrom(env, deployContext);
    if (!mail.ok) return { outcome: { kind: 'misconfigured' }, log: { outcome: 'misconfigured', problems: mail.problems } };
    const email = renderInquiryEmail(parsed.data, { from: mail.from, to: mail.to, practiceName: facts.practiceName, locations: locations.ok ? locations.choices : [] });
    const result = await deliver(mail, email, idempotencyKeyFor(email, parsed.data.submissionId));
    const delivered = { via: mail.via, attempts: result.attempts, ...noted };
    if (!result.ok) {
      return { outcome: { kind: result.failure }, log: { outcome: result.failure === 'unconfirmed' ? 'unconfirmed' : `not-sent-${result.failure}`, ...delivered, detail: result.detail } };
    }
    const { messageId, duplicate, savedTo } = result;
    return { outcome: { kind: 'sent' }, log: { outcome: 'sent', ...delivered, messageId, ...(duplicate ? { duplicate } : {}), ...(savedTo ? { savedTo } : {}) } };
  }

  return async function handleContact(request: Request, context?: Pick<Context, 'deploy'> | { deploy?: { context?: string } }): Promise<Response> {
    const format = replyFormatOf(request);
    const facts = await Promise.resolve().then(siteFacts).catch((): SiteFacts => ({ practiceName: '', phone: '' }));
    let decision: Decision;
    try {
      decision = await decide(request, context?.deploy?.context, facts);
    } catch {
      // A bug, not bad input: say plainly that nothing was sent, and how to reach the studio.
      decision = { outcome: { kind: 'misconfigured' }, log: { outcome: 'internal-error' } };
    }
    const response = reply(decision.outcome, format, facts);
    log({ id: randomUUID(), outcome: decision.outcome.kind, status: response.status, ...decision.log });
    return response;
  };
}

export default createContactHandler();
