import { randomUUID } from 'node:crypto';
import type { Config } from '@netlify/functions';
import { CONFIRMATION_BUDGET, chooseDelivery as chooseDeliveryFromEnv } from './delivery.ts';
import type { DeliveryChoice, DeliveryResult, DeployInfo } from './delivery.ts';
import { confirmationKeyFor, idempotencyKeyFor, renderConfirmationEmail, renderInquiryEmail } from './email.ts';
import type { ConfirmationWords } from './email.ts';
import { fieldErrors, inquirySchema } from './inquiry.ts';
import type { Inquiry } from './inquiry.ts';
import { readLocationChoices } from './locations.ts';
import type { LocationChoices } from './locations.ts';
import { reply, replyFormatOf } from './replies.ts';
import type { Outcome, SiteFacts } from './replies.ts';
import { botSignOf, isSameOriginPost, readFields } from './request.ts';
import { getSiteSettings } from '../../../src/lib/site-settings.ts';

/**
 * POST /api/contact: the contact form's inquiries, validated and emailed to the studio.
 *
 * `decide` below is the whole story, top to bottom: method, origin, body, bot trap, validation,
 * speed, delivery, the visitor's confirmation. Each step's details live in the module it imports
 * from. Nothing runs at import time beyond building a closure: the environment is read and clients
 * are made per request.
 */
export const config: Config = {
  path: '/api/contact',
  method: 'POST',
  // Ten inquiries a minute per visitor is far more than a person sends. aggregateBy must be a
  // list: a single string is silently read as ['domain'], one limit for the whole site.
  rateLimit: { windowLimit: 10, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};

/**
 * One log line per request: an id and an outcome, plus delivery facts. The type has no place for
 * names, addresses, phone numbers or messages, and nothing here accepts free text from a visitor.
 */
export interface ContactLogEntry {
  /** Random per request; ties the log line to nothing personal. */
  readonly id: string;
  /** e.g. "sent", "invalid", "discarded-honeypot", "not-sent-unavailable", "misconfigured". */
  readonly outcome: string;
  readonly status: number;
  readonly transport?: string;
  readonly attempts?: number;
  /** The provider's message id (Resend email id or outbox file name). */
  readonly messageId?: string;
  /** The same inquiry had already been delivered under its idempotency key: nothing new was sent. */
  readonly duplicate?: true;
  /** Local outbox only: where the inquiry is saved. */
  readonly savedTo?: string;
  /** Provider error name and status code, never provider message text. */
  readonly detail?: string;
  /** Configuration problems: variable names and rules, never values. */
  readonly problems?: readonly string[];
  /** Field names that failed validation (not their values). */
  readonly fields?: readonly string[];
  /** Something the owner should fix although the inquiry went through, e.g. an unreadable location list. */
  readonly warning?: string;
  /** How the visitor's confirmation went, once the inquiry was delivered: never the address, nor its key. */
  readonly confirmation?: ConfirmationLog;
}

/** The confirmation's part of the log line. */
export interface ConfirmationLog {
  /** "sent", "already-sent" (the outbox has today's), "off" (settings.json), or "not-sent-<failure>". */
  readonly outcome: string;
  readonly attempts?: number;
  readonly messageId?: string;
  /** Provider error name and status code, never provider message text. */
  readonly detail?: string;
  /** Local outbox only: where the confirmation is saved. */
  readonly savedTo?: string;
}

export type ContactLogger = (entry: ContactLogEntry) => void;

/** One JSON line per request in the function log; locally, also where the inquiry went, in words. */
const logToConsole: ContactLogger = (entry) => {
  const line = `[contact] ${JSON.stringify(entry)}`;
  if (entry.status >= 500) console.error(line);
  else if (entry.warning) console.warn(line);
  else console.log(line);
  if (entry.savedTo && entry.duplicate) {
    console.log(`[contact] Already saved in ${entry.savedTo}: the same inquiry was sent again, and nothing new was written.`);
  } else if (entry.savedTo) {
    console.log(`[contact] No RESEND_API_KEY, so no email was sent: the inquiry is saved in ${entry.savedTo}`);
  }
  const confirmation = entry.confirmation;
  if (confirmation?.savedTo && confirmation.outcome === 'already-sent') {
    console.log(`[contact] The visitor's confirmation for today is already saved in ${confirmation.savedTo}: nothing new was written.`);
  } else if (confirmation?.savedTo) {
    console.log(`[contact] The visitor's confirmation is saved in ${confirmation.savedTo}`);
  }
};

export interface ContactDeps {
  /** Reads configuration and picks a transport, per request. Tests pass a fake transport. */
  readonly chooseDelivery: (context: DeployInfo | undefined) => DeliveryChoice;
  /** The settings people may choose: every location, drafts too (read from src/content/locations/). */
  readonly readLocations: () => Promise<LocationChoices>;
  /**
   * Practice name and phone number for the answers, and the confirmation's words, from
   * src/content/settings.json through the site's settings reader, checked on first use (not at
   * import time, so a broken file fails a request the handler can answer).
   */
  readonly siteFacts: () => Promise<SiteFacts & ConfirmationWords>;
  /** The time, for the confirmation's once-a-day key. */
  readonly now: () => Date;
  readonly log: ContactLogger;
}

/**
 * Used only if the settings file cannot be read, so even that failure gets a readable answer (and,
 * with no words for it, no confirmation).
 */
const UNKNOWN_FACTS: SiteFacts & ConfirmationWords = {
  practiceName: '',
  phone: '',
  email: '',
  replyTime: '',
  confirmationEmail: { send: false, subject: '', paragraphs: [] },
};

/**
 * A send that cannot throw: transports resolve every failure as a DeliveryResult, and one that
 * throws anyway (or an email that cannot be rendered) counts as not delivered.
 */
async function sendSafely(send: () => Promise<DeliveryResult>): Promise<DeliveryResult> {
  try {
    return await send();
  } catch {
    return { ok: false, failure: 'unavailable', attempts: 0, detail: 'transport-threw' };
  }
}

/** The answer, and what the log line should say about it beyond id, outcome and status. */
interface Decision {
  readonly outcome: Outcome;
  readonly log?: Omit<ContactLogEntry, 'id' | 'status'>;
}

/**
 * The contact function. Answers every request with a Response; never throws, and never says "sent"
 * unless the transport confirmed delivery. Everything that touches the world can be replaced, so
 * tests call it with plain `Request`s and a fake transport.
 */
export function createContactHandler(deps: Partial<ContactDeps> = {}) {
  const { chooseDelivery = chooseDeliveryFromEnv, readLocations = () => readLocationChoices(), siteFacts = getSiteSettings, now = () => new Date(), log = logToConsole } = deps;
  async function facts(): Promise<SiteFacts & ConfirmationWords> {
    try {
      return await siteFacts();
    } catch {
      return UNKNOWN_FACTS;
    }
  }

  async function decide(request: Request, context: DeployInfo | undefined, words: SiteFacts & ConfirmationWords): Promise<Decision> {
    if (request.method !== 'POST') return { outcome: { kind: 'wrong-method' } };
    if (!isSameOriginPost(request)) return { outcome: { kind: 'cross-site' } };

    const body = await readFields(request);
    if (!body.ok) return { outcome: { kind: body.problem } };

    // Bots get a success-shaped answer, so they learn nothing, and nothing is sent. A filled honeypot
    // is certainly a bot, whatever else it posted. Speed is only a sign: a person who presses Send on
    // a half-filled form within seconds must see what to fix, so the speed check waits for valid answers.
    const bot = botSignOf(body.fields);
    if (bot === 'honeypot') return { outcome: { kind: 'sent' }, log: { outcome: 'discarded-honeypot' } };

    const locations = await readLocations();
    // Without the list any id-shaped setting is taken and named by its id: the owner should hear why.
    const noted = locations.ok ? {} : { warning: `location list unreadable (${locations.problem}): settings named by their ids` };
    const parsed = inquirySchema(locations.ok ? locations.choices.map((choice) => choice.value) : undefined).safeParse(body.fields);
    if (!parsed.success) {
      const found = fieldErrors(parsed.error);
      // Every issue belongs to a field today; the fallback keeps the 422 meaningful if one ever does not.
      const errors = Object.keys(found).length > 0 ? found : { message: 'Check your answers and try again.' };
      return { outcome: { kind: 'invalid', errors }, log: { outcome: 'invalid', fields: Object.keys(errors), ...noted } };
    }
    if (bot === 'too-fast') return { outcome: { kind: 'sent' }, log: { outcome: 'discarded-too-fast' } };

    const delivery = chooseDelivery(context);
    if (!delivery.ok) return { outcome: { kind: 'misconfigured' }, log: { outcome: 'misconfigured', problems: delivery.problems } };

    const inquiry = parsed.data;
    const email = renderInquiryEmail(inquiry, {
      from: delivery.from,
      to: delivery.to,
      practiceName: words.practiceName,
      locations: locations.ok ? locations.choices : [],
    });
    const result = await sendSafely(() => delivery.transport.send(email, idempotencyKeyFor(email, inquiry.submissionId)));
    const delivered = { transport: delivery.transport.name, attempts: result.attempts, ...noted };
    if (!result.ok) return { outcome: { kind: result.failure }, log: { outcome: `not-sent-${result.failure}`, ...delivered, detail: result.detail } };
    // The studio has the inquiry: whatever happens to the confirmation now, the answer is "sent".
    const confirmation = await confirm(inquiry, delivery, words);
    return {
      outcome: { kind: 'sent' },
      log: {
        outcome: 'sent',
        ...delivered,
        messageId: result.messageId,
        ...(result.duplicate ? { duplicate: true } : {}),
        ...(result.savedTo ? { savedTo: result.savedTo } : {}),
        confirmation,
      },
    };
  }

  /**
   * The visitor's short confirmation (email.ts): the owner's words only, from the studio's sender to
   * the visitor's checked address, replies to the studio's (first) inbox. Its key lets an address
   * receive one a day, however many inquiries name it; the short budget (delivery.ts) bounds what it
   * adds to the visitor's wait. It never changes the answer: a failure is only logged.
   */
  async function confirm(inquiry: Inquiry, delivery: Extract<DeliveryChoice, { ok: true }>, words: SiteFacts & ConfirmationWords): Promise<ConfirmationLog> {
    if (!words.confirmationEmail.send) return { outcome: 'off' };
    const result = await sendSafely(() => {
      const email = renderConfirmationEmail(words, { from: delivery.from, to: inquiry.email, replyTo: delivery.to[0] ?? delivery.from });
      return delivery.transport.send(email, confirmationKeyFor(inquiry.email, now()), CONFIRMATION_BUDGET);
    });
    // 409: today's key already carried a confirmation to this mailbox (spelled otherwise, or in words since changed).
    if (!result.ok && result.failure === 'conflict') return { outcome: 'already-sent', attempts: result.attempts };
    if (!result.ok) return { outcome: `not-sent-${result.failure}`, attempts: result.attempts, detail: result.detail };
    return {
      outcome: result.duplicate ? 'already-sent' : 'sent',
      attempts: result.attempts,
      messageId: result.messageId,
      ...(result.savedTo ? { savedTo: result.savedTo } : {}),
    };
  }

  return async function handleContact(request: Request, context?: DeployInfo): Promise<Response> {
    const format = replyFormatOf(request);
    const words = await facts();
    let decision: Decision;
    try {
      decision = await decide(request, context, words);
    } catch {
      // A bug, not bad input: say plainly that nothing was sent, and how to reach the studio.
      decision = { outcome: { kind: 'misconfigured' }, log: { outcome: 'internal-error' } };
    }
    const response = reply(decision.outcome, format, words);
    log({ id: randomUUID(), outcome: decision.outcome.kind, status: response.status, ...decision.log });
    return response;
  };
}

export default createContactHandler();
