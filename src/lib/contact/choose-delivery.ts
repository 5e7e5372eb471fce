import { detectRuntime, readContactConfig } from './env.ts';
import type { EnvSource } from './env.ts';
import type { DeliveryChoice, DeployInfo } from './handler.ts';
import { createOutboxTransport } from './outbox-transport.ts';
import { createResendTransport } from './resend-transport.ts';
import type { ResendEmails, ResendTransportOptions } from './resend-transport.ts';

export interface DeliveryWiring {
  /** The environment to read, fetched per request (`platformEnv` in the function). */
  readonly env: () => EnvSource;
  /** Default outbox folder: `<cwd>/.outbox`. */
  readonly defaultOutboxDir: () => string;
  readonly now: () => Date;
  /** Builds the SDK's `emails` for a key (the real `new Resend(key, { baseUrl }).emails`). */
  readonly resendEmails: (apiKey: string, baseUrl: string | undefined) => ResendEmails;
  /** Retry and timeout settings; tests make them fast. */
  readonly resendOptions?: Omit<ResendTransportOptions, 'emails'>;
}

/**
 * Reads the configuration for this request and picks how to deliver: Resend when it has a key,
 * the local outbox when running locally without one, or no delivery (and a 503) when a deployed
 * site is missing its configuration. See env.ts for what counts as local.
 */
export function createDeliveryChooser(wiring: DeliveryWiring): (context: DeployInfo | undefined) => DeliveryChoice {
  return (context) => {
    const env = wiring.env();
    const config = readContactConfig(env, detectRuntime(env, context?.deploy?.context), wiring.defaultOutboxDir);
    switch (config.kind) {
      case 'misconfigured':
        return { ok: false, problems: config.problems };
      case 'outbox':
        return {
          ok: true,
          transport: createOutboxTransport({ dir: config.dir, now: wiring.now }),
          from: config.from,
          to: config.to,
        };
      case 'resend':
        return {
          ok: true,
          transport: createResendTransport({ ...wiring.resendOptions, emails: wiring.resendEmails(config.apiKey, config.baseUrl) }),
          from: config.from,
          to: config.to,
        };
    }
  };
}
