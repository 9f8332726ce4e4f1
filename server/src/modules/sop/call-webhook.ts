// The 'sop.webhook' effect: POST the step's JSON to the operator's URL with an Idempotency-Key header (the run and
// step position), 5 s timeout. A failure throws, so the durable job retries it with backoff. An address that resolves
// into a private network (checked when connecting, so a name cannot answer public first and private then) is not
// called, unless the deployment allows it: logged, not retried.
import type { AppContext } from '../../context';
import type { EffectHandler } from '../../platform/events';
import { oneByOne } from '../../platform/events';
import { isPrivateAddressFailure, publicFetch } from '../../platform/policy/public-fetch';

export function callSopWebhook(ctx: Pick<AppContext, 'config' | 'logger'>): EffectHandler {
  return oneByOne(async (corpId, data) => {
    const url = String(data.url);
    const res = await publicFetch(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': String(data.key), 'user-agent': 'Siyu-SOP/1' },
        body: JSON.stringify(data.body),
        signal: AbortSignal.timeout(5000),
        redirect: 'manual',
      },
      { allowPrivate: ctx.config.webhooksToPrivate },
    ).catch((err: unknown) => {
      if (!isPrivateAddressFailure(err)) throw err;
      ctx.logger.warn({ corpId, host: URL.canParse(url) ? new URL(url).hostname : null }, 'SOP webhook not called: its address is in a private network');
      return null;
    });
    if (!res) return;
    if (res.status >= 300) throw new Error(`webhook answered ${res.status}`);
  });
}
