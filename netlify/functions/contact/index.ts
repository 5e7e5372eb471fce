import { randomUUID } from 'node:crypto';
import type { Config, Context } from '@netlify/functions';
import { getSiteSettings } from '../../../src/lib/site-settings.ts';
import { idempotencyKeyFor, renderInquiryEmail } from './email.ts';
import { fieldErrors, inquirySchema } from './inquiry.ts';
import { readLocations } from './locations.ts';
import { reply, replyFormat, type Outcome } from './replies.ts';
import { botSign, isSameOrigin, readFields } from './request.ts';
import { mailFrom, send } from './send.ts';

/**
 * POST /api/contact: an inquiry from the contact form, checked and emailed to the studio. Every
 * request gets an answer, never "sent" unless the email went, and one log line: an id and an
 * outcome, never what the visitor typed. Nothing runs at import time.
 */
export const config: Config = {
  // Every method reaches the function, so anything but POST gets its 405, deployed and locally alike.
  path: '/api/contact',
  // Ten a minute per visitor is far more than a person sends. aggregateBy must be a list: a single
  // string is silently read as ['domain'], one limit for the whole site.
  rateLimit: { windowLimit: 10, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};

type Decision = Outcome & { readonly log?: Record<string, unknown> };

async function decide(request: Request, deployContext: string | undefined, studioEmail: string, practiceName: string): Promise<Decision> {
  if (request.method !== 'POST') return { kind: 'wrong-method' };
  if (!isSameOrigin(request)) return { kind: 'cross-site' };
  const fields = await readFields(request);
  if (typeof fields === 'string') return { kind: fields };

  // Bots get a success-shaped answer and nothing is sent. Speed is only a sign: a person who sends
  // a half-filled form at once must see what to fix, so that check waits for valid answers.
  const bot = botSign(fields);
  if (bot === 'honeypot') return { kind: 'sent', log: { outcome: 'discarded-honeypot' } };
  const locations = await readLocations();
  // Without the list any id-shaped setting is taken and named by its id: the owner should hear why.
  const warning = locations.ok ? undefined : `location list unreadable (${locations.problem}): settings named by their ids`;
  const parsed = inquirySchema(locations.ok ? locations.choices.map((choice) => choice.value) : undefined).safeParse(fields);
  if (!parsed.success) {
    const found = fieldErrors(parsed.error);
    const errors = Object.keys(found).length > 0 ? found : { message: 'Check your answers and try again.' };
    return { kind: 'invalid', errors, log: { outcome: 'invalid', fields: Object.keys(errors), warning } };
  }
  if (bot === 'too-fast') return { kind: 'sent', log: { outcome: 'discarded-too-fast' } };

  const mail = mailFrom(deployContext, studioEmail);
  if ('problems' in mail) return { kind: 'misconfigured', log: { outcome: 'misconfigured', problems: mail.problems } };
  const inquiry = parsed.data;
  const email = renderInquiryEmail(inquiry, { from: mail.from, to: mail.to, practiceName, locations: locations.ok ? locations.choices : [] });
  const result = await send(mail, email, idempotencyKeyFor(email, inquiry.submissionId));
  const delivered = { via: mail.via, attempts: result.attempts, warning };
  if (!result.ok) return { kind: result.failure, log: { outcome: result.failure === 'unconfirmed' ? 'unconfirmed' : `not-sent-${result.failure}`, ...delivered, detail: result.detail } };
  return { kind: 'sent', log: { outcome: 'sent', ...delivered, messageId: result.messageId, duplicate: result.duplicate, savedTo: result.savedTo } };
}

export default async function contact(request: Request, context?: Context): Promise<Response> {
  // Read on first use, so a broken settings file still gets the visitor an answer.
  const settings = await getSiteSettings().catch(() => ({ practiceName: '', phone: '', email: '' }));
  const decision = await decide(request, context?.deploy?.context, settings.email, settings.practiceName).catch(
    // A bug, not bad input: say plainly that nothing was sent, and how to reach the studio.
    (): Decision => ({ kind: 'misconfigured', log: { outcome: 'internal-error' } }),
  );
  const response = reply(decision, replyFormat(request), settings);
  const entry: Record<string, unknown> = { id: randomUUID(), outcome: decision.kind, status: response.status, ...decision.log };
  const line = `[contact] ${JSON.stringify(entry)}`;
  if (response.status >= 500) console.error(line);
  else if (entry.warning) console.warn(line);
  else console.log(line);
  if (entry.savedTo) console.log(entry.duplicate ? `[contact] Already saved in ${entry.savedTo}: the same inquiry was sent again, and nothing new was written.` : `[contact] No RESEND_API_KEY, so no email was sent: the inquiry is saved in ${entry.savedTo}`);
  return response;
}
