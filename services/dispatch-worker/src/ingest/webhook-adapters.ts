/**
 * The platform adapters by `:platform` of `POST /v1/adapters/:platform/orders`. One so far:
 * `deliverect` (Deliverect's order notification webhook; the fields it reads are documented in
 * `deliverect-adapter.ts` and in each adapter's `describe`). For any other platform an operator
 * writes a field mapping (`compileFieldMapping`) and uses the NDJSON ingest instead.
 */
import { DELIVERECT_ADAPTER } from './deliverect-adapter.js';
import type { WebhookAdapter } from './webhook-adapter.js';

export const WEBHOOK_ADAPTERS: Readonly<Record<string, WebhookAdapter>> = Object.freeze({
  [DELIVERECT_ADAPTER.platform]: DELIVERECT_ADAPTER,
});

/** The adapter for `platform`, or `undefined` (own keys only: `constructor` is not a platform). */
export function findWebhookAdapter(platform: string): WebhookAdapter | undefined {
  return Object.hasOwn(WEBHOOK_ADAPTERS, platform) ? WEBHOOK_ADAPTERS[platform] : undefined;
}
