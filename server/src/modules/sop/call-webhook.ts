// The 'sop.webhook' effect: POST the step's JSON to the operator's URL with an Idempotency-Key header (the run and
// step position), 5 s timeout. A failure throws, so the durable job retries it with backoff.
import type { EffectHandler } from '../../platform/events';
import { oneByOne } from '../../platform/events';

export function callSopWebhook(): EffectHandler {
  return oneByOne(async (_corpId, data) => {
    const res = await fetch(String(data.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': String(data.key), 'user-agent': 'Siyu-SOP/1' },
      body: JSON.stringify(data.body),
      signal: AbortSignal.timeout(5000),
      redirect: 'manual',
    });
    if (res.status >= 300) throw new Error(`webhook answered ${res.status}`);
  });
}
