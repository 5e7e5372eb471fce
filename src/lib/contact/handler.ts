import { z } from 'zod';
import { botSignOf } from './bot-check.ts';
import { renderInquiryEmail } from './email.ts';
import { CONTACT_FIELDS } from './fields.ts';
import type { ContactField } from './fields.ts';
import { idempotencyKeyFor } from './idempotency.ts';
import type { ContactLogEntry, ContactLogger } from './log.ts';
import { isSameOriginPost } from './origin-check.ts';
import { parseBody } from './parse-body.ts';
import { reply } from './replies.ts';
import type { Outcome, ReplyFormat } from './replies.ts';
import { contactSchema } from './schema.ts';
import type { SiteFacts } from './site-facts.ts';
import type { DeliveryResult, Transport } from './transport.ts';

/** The part of Netlify's Context the handler reads. Optional: tests and the local server may pass none. */
export interface DeployInfo {
  readonly deploy?: { readonly context?: string } | undefined;
}

/** How this request's inquiry would be delivered, or why it cannot be. */
export type DeliveryChoice =
  | { readonly ok: true; readonly transport: Transport; readonly from: string; readonly to: readonly string[] }
  | { readonly ok: false; readonly problems: readonly string[] };

export interface ContactHandlerDeps {
  /** Reads configuration and picks a transport, per request (never at import time). */
  readonly chooseDelivery: (context: DeployInfo | undefined) => DeliveryChoice;
  /** Practice name and phone number, from src/content/settings.json. */
  readonly siteFacts: () => SiteFacts;
  readonly now: () => Date;
  readonly log: ContactLogger;
  /** A fresh id per request, for the log. */
  readonly createId: () => string;
}

/** Used only if the settings file cannot be read, so even that failure gets a readable answer. */
const UNKNOWN_FACTS: SiteFacts = { practiceName: '', phone: '', phoneHref: '' };

const FIELD_ORDER: readonly string[] = CONTACT_FIELDS.map((field: ContactField) => field.name);

/** The first message for each field, in form order, for fields the visitor can see. */
function fieldErrors(error: z.ZodError): Record<string, string> {
  const flat = z.flattenError(error).fieldErrors as Record<string, string[] | undefined>;
  const errors: Record<string, string> = {};
  for (const name of FIELD_ORDER) {
    const first = flat[name]?.[0];
    if (first) errors[name] = first;
  }
  return errors;
}

/** JSON for the script and API callers (by Content-Type, else by Accept); HTML pages for form posts. */
function replyFormatOf(request: Request): ReplyFormat {
  // Any JSON-ish type, even one refused with 415, was sent by code that reads JSON.
  if ((request.headers.get('content-type') ?? '').toLowerCase().includes('json')) return 'json';
  const accept = (request.headers.get('accept') ?? '').toLowerCase();
  return accept.includes('application/json') && !accept.includes('text/html') ? 'json' : 'html';
}

/** The outcome, and what the log line should say about it beyond id, outcome and status. */
interface Decision {
  readonly outcome: Outcome;
  readonly log?: Omit<ContactLogEntry, 'id' | 'status'>;
}

const FAILURE_OUTCOME: Readonly<Record<Exclude<DeliveryResult, { ok: true }>['failure'], Outcome>> = {
  unavailable: { kind: 'unavailable' },
  refused: { kind: 'refused' },
  conflict: { kind: 'conflict' },
};

/**
 * The contact function, with everything that touches the world injected: tests call it with plain
 * `Request`s, a fake transport and a fixed clock. Answers every request with a Response; never
 * throws, and never says "sent" unless the transport confirmed delivery.
 */
export function createContactHandler(deps: ContactHandlerDeps) {
  function facts(): SiteFacts {
    try {
      return deps.siteFacts();
    } catch {
      return UNKNOWN_FACTS;
    }
  }

  async function decide(request: Request, context: DeployInfo | undefined): Promise<Decision> {
    if (request.method !== 'POST') return { outcome: { kind: 'wrong-method' } };
    if (!isSameOriginPost(request)) return { outcome: { kind: 'cross-site' } };

    const body = await parseBody(request);
    if (!body.ok) return { outcome: { kind: body.problem } };

    // Bots get a success-shaped answer, so they learn nothing, and nothing is sent. A filled honeypot
    // is certainly a bot, whatever else it posted. Speed is only a sign: a person who presses Send on
    // a half-filled form within seconds must see what to fix, so the speed check waits for valid answers.
    const bot = botSignOf(body.fields);
    if (bot === 'honeypot') return { outcome: { kind: 'sent' }, log: { outcome: 'discarded-honeypot' } };

    const parsed = contactSchema.safeParse(body.fields);
    if (!parsed.success) {
      const found = fieldErrors(parsed.error);
      // Every issue belongs to a field today; the fallback keeps the 422 meaningful if one ever does not.
      const errors = Object.keys(found).length > 0 ? found : { message: 'Check your answers and try again.' };
      return { outcome: { kind: 'invalid', errors }, log: { outcome: 'invalid', fields: Object.keys(errors) } };
    }
    if (bot === 'too-fast') return { outcome: { kind: 'sent' }, log: { outcome: 'discarded-too-fast' } };

    const delivery = deps.chooseDelivery(context);
    if (!delivery.ok) return { outcome: { kind: 'misconfigured' }, log: { outcome: 'misconfigured', problems: delivery.problems } };

    const inquiry = parsed.data;
    const email = renderInquiryEmail(inquiry, { from: delivery.from, to: delivery.to, practiceName: facts().practiceName });
    let result: DeliveryResult;
    try {
      result = await delivery.transport.send(email, idempotencyKeyFor(email, inquiry.submissionId));
    } catch {
      result = { ok: false, failure: 'unavailable', attempts: 0, detail: 'transport-threw' };
    }
    const delivered = { transport: delivery.transport.name, attempts: result.attempts };
    if (result.ok) {
      return {
        outcome: { kind: 'sent' },
        log: {
          outcome: 'sent',
          ...delivered,
          messageId: result.messageId,
          ...(result.duplicate ? { duplicate: true } : {}),
          ...(result.savedTo ? { savedTo: result.savedTo } : {}),
        },
      };
    }
    return { outcome: FAILURE_OUTCOME[result.failure], log: { outcome: `not-sent-${result.failure}`, ...delivered, detail: result.detail } };
  }

  return async function handleContact(request: Request, context?: DeployInfo): Promise<Response> {
    const format = replyFormatOf(request);
    let decision: Decision;
    try {
      decision = await decide(request, context);
    } catch {
      // A bug, not bad input: say plainly that nothing was sent, and how to reach the studio.
      decision = { outcome: { kind: 'misconfigured' }, log: { outcome: 'internal-error' } };
    }
    const response = reply(decision.outcome, format, facts());
    deps.log({ id: deps.createId(), outcome: decision.outcome.kind, status: response.status, ...decision.log });
    return response;
  };
}
