// Alerts to the webhook: each undelivered alert is POSTed as JSON ({ alerts: [...] }, in batches), and marked
// delivered only when the webhook answered 2xx, so an alert is retried after a failure and never lost.

import { request } from 'undici';
import type { ServerContext } from '../context.js';
import { markAlertsDelivered, undeliveredAlerts } from '../store/alerts.js';

const BATCH = 500;
const TIMEOUT_MS = 10_000;

export interface DeliveryResult {
  delivered: number;
  /** Why the webhook did not take them, when it did not. */
  error?: string;
}

export async function deliverAlerts(ctx: ServerContext): Promise<DeliveryResult> {
  if (!ctx.webhookUrl) return { delivered: 0 };
  const pending = await undeliveredAlerts(ctx.store);
  let delivered = 0;
  for (let i = 0; i < pending.length; i += BATCH) {
    const batch = pending.slice(i, i + BATCH);
    try {
      const res = await request(ctx.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'seawall-server' },
        body: JSON.stringify({ alerts: batch }),
        headersTimeout: TIMEOUT_MS,
        bodyTimeout: TIMEOUT_MS,
      });
      await res.body.dump();
      if (res.statusCode < 200 || res.statusCode >= 300)
        return { delivered, error: `webhook answered ${res.statusCode}` };
    } catch (err) {
      return {
        delivered,
        error: `webhook unreachable: ${err instanceof Error ? err.message : String(err)}`,
      };
    }
    await markAlertsDelivered(
      ctx.store,
      batch.map((a) => a.id),
      ctx.now().toISOString(),
    );
    delivered += batch.length;
  }
  return { delivered };
}
