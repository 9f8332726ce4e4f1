// Reaction to a customer adding staff through a channel code (attribution phase, in the transaction that mirrored
// the callback): attribute the add (channel_adds), tag the follow locally (a `tag.added` fact, so segments and
// stages see it in the same transaction), record `follow.attributed` with its timeline row. After commit: the
// welcome message (its code is only valid 20 s, so it goes first, once: a late or refused one is recorded as 'late',
// never retried), mark_tag on WeCom, and a cap check that may take the staff member off the code for the day.
import type { DomainEvent } from '@siyu/contracts';
import { isWecomError, type WecomClient } from '@siyu/wecom';
import type { AppContext } from '../../context';
import type { WelcomeAttachment } from '../../db/schema';
import { withCorp, type Tx } from '../../db/tenancy';
import { afterCommit, recordEvents, type Reactor } from '../../platform/events';
import { mapLimit } from '../../platform/map-limit';
import { materialAttachments } from '../materials';
import type { WecomConnections } from '../wecom';
import { applyRotation } from './apply-rotation';
import { mergeWelcomeText } from './channel-schedule';
import * as repo from './channels.repo';

export const WELCOME_TTL_MS = 20_000;
/** WeCom calls of one batch in flight at once. */
const WECOM_CONCURRENCY = 8;
/** Margin kept before WeCom's 20 s: a code this old is not worth a call. */
const WELCOME_SEND_DEADLINE_MS = 19_000;

type AddEvent = DomainEvent<'follow.added'>['data'] & { state: string };

const addedAtOf = (e: AddEvent) => new Date(e.addedAt);
const keyOf = (e: AddEvent) => ({ externalUserid: e.externalUserid, staffUserid: e.staffUserid, addedAt: addedAtOf(e) });

/** Attributes a batch of adds through codes: one query per step whatever the batch size. Returns those recorded now. */
async function recordAdds(tx: Tx, corpId: string, adds: ReadonlyArray<{ customerId: string; e: AddEvent }>): Promise<AddEvent[]> {
  const codes = await repo.findCodesByStates(tx, corpId, [...new Set(adds.map((a) => a.e.state))]);
  const rows = adds.flatMap(({ customerId, e }) => {
    const code = codes.get(e.state);
    if (!code) return [];
    const hasWelcome = !!e.welcomeCode && (!!code.welcome.text?.trim() || !!code.welcome.attachments?.length || !!code.welcome.materialIds?.length);
    const add = { channelId: code.id, customerId, staffUserid: e.staffUserid, addedAt: addedAtOf(e), welcome: hasWelcome, tags: code.tagIds.length > 0 };
    return [{ add, code, e }];
  });
  const inserted = await repo.insertAdds(tx, corpId, rows.map((r) => r.add));
  const fresh = rows.filter((r) => inserted.has(repo.addKey(r.add)));
  await repo.addFollowTags(
    tx,
    corpId,
    fresh.filter((r) => r.code.tagIds.length).map((r) => ({ customerId: r.add.customerId, staffUserid: r.add.staffUserid, tagIds: r.code.tagIds })),
  );
  await recordEvents(
    tx,
    corpId,
    fresh.flatMap(({ add, code, e }) => [
      {
        event: { type: 'follow.attributed' as const, customerId: add.customerId, data: { channelId: code.id, channelName: code.name, staffUserid: e.staffUserid, state: e.state } },
        timeline: {
          type: 'channel.add',
          source: 'wecom',
          dedupeKey: `channel.add:${code.id}:${e.externalUserid}:${e.staffUserid}:${Math.floor(add.addedAt.getTime() / 1000)}`,
          occurredAt: add.addedAt,
          properties: { channelId: code.id, channelName: code.name, staffUserid: e.staffUserid, state: e.state },
        },
      },
      ...(code.tagIds.length
        ? [{ event: { type: 'tag.added' as const, customerId: add.customerId, data: { tagIds: code.tagIds, source: 'channel' as const, staffUserid: e.staffUserid } } }]
        : []),
    ]),
  );
  return fresh.map((r) => r.e);
}

export function channelAddReactor(ctx: AppContext, connections: WecomConnections, now: () => number = Date.now): Reactor {
  const { db, logger } = ctx;

  async function sendWelcome(
    client: WecomClient,
    claimed: repo.ClaimedAdd,
    welcomeCode: string,
    fromLibrary: readonly WelcomeAttachment[],
  ): Promise<{ status: 'sent' | 'late' | 'failed'; error: string | null }> {
    const { code } = claimed;
    const age = now() - claimed.addedAt.getTime();
    if (age > WELCOME_SEND_DEADLINE_MS) return { status: 'late', error: `welcome_code ${Math.round(age / 1000)} s old (valid ${WELCOME_TTL_MS / 1000} s)` };
    const text = code.welcome.text?.trim() ? mergeWelcomeText(code.welcome.text, claimed.customerName || '') : undefined;
    const attachments = [...((code.welcome.attachments ?? []) as WelcomeAttachment[]), ...fromLibrary].slice(0, 9);
    try {
      await client.sendWelcomeMsg({ welcome_code: welcomeCode, ...(text ? { text: { content: text } } : {}), attachments });
      return { status: 'sent', error: null };
    } catch (err) {
      return { status: isWecomError(err) && err.errcode === 41051 ? 'late' : 'failed', error: err instanceof Error ? err.message.slice(0, 300) : String(err) };
    }
  }

  async function markTags(client: WecomClient, corpId: string, claimed: repo.ClaimedAdd): Promise<boolean> {
    try {
      await client.markTag({ userid: claimed.staffUserid, external_userid: claimed.externalUserid, add_tag: claimed.code.tagIds });
      return true;
    } catch (err) {
      logger.warn({ err, corpId, channelId: claimed.code.id }, 'channel auto-tag failed');
      return false;
    }
  }

  /**
   * A transaction's adds together: one statement takes their pending steps, the welcome messages and mark_tag calls
   * go to WeCom side by side, one statement records the outcomes; each capped code then checks its staff's caps.
   */
  async function effects(corpId: string, adds: readonly AddEvent[]): Promise<void> {
    // The client first: a corp that cannot reach WeCom fails here and its jobs retry with every step still pending.
    const client = await connections.contactClient(corpId);
    const claimed = await withCorp(db, corpId, (tx) => repo.claimSteps(tx, corpId, adds.map(keyOf)));
    if (claimed.length === 0) return;
    const codes = new Map(adds.map((e) => [`${e.externalUserid}\u0000${e.staffUserid}\u0000${addedAtOf(e).getTime()}`, e.welcomeCode]));
    // Library materials of each code with a welcome to send: uploaded (or their cached media ids reused) once per batch.
    const library = new Map<string, WelcomeAttachment[]>();
    for (const c of claimed) {
      const ids = c.code.welcome.materialIds ?? [];
      if (!c.welcome || ids.length === 0 || library.has(c.code.id)) continue;
      const atts = await materialAttachments({ db, wecom: connections }, corpId, ids, 'message').catch((err: unknown) => {
        logger.warn({ err, corpId, channelId: c.code.id }, 'welcome materials unavailable; the welcome goes without them');
        return [];
      });
      library.set(c.code.id, atts as WelcomeAttachment[]);
    }
    const outcomes = await mapLimit(claimed, WECOM_CONCURRENCY, async (c): Promise<repo.StepOutcome> => {
      const welcomeCode = codes.get(`${c.externalUserid}\u0000${c.staffUserid}\u0000${c.addedAt.getTime()}`);
      const [welcome, tagged] = await Promise.all([
        c.welcome && welcomeCode ? sendWelcome(client, c, welcomeCode, library.get(c.code.id) ?? []) : null,
        c.tag && c.code.tagIds.length ? markTags(client, corpId, c) : true,
      ]);
      if (welcome && welcome.status !== 'sent') logger.warn({ corpId, channelId: c.code.id, ...welcome }, 'channel welcome message not delivered');
      return { id: c.id, welcome, tagFailed: !tagged };
    });
    await withCorp(db, corpId, (tx) => repo.setOutcomes(tx, corpId, outcomes));
    const capped = new Map(claimed.filter((c) => c.code.dailyCap).map((c) => [c.code.id, c.code]));
    for (const code of capped.values()) {
      await withCorp(db, corpId, (tx) => applyRotation(tx, client, corpId, code)).catch((err) => logger.warn({ err, corpId }, 'channel cap check failed'));
    }
  }

  return {
    name: 'channels',
    phase: 'attribution',
    effects: { 'channels.add': (corpId, items) => effects(corpId, items as AddEvent[]) },
    on: {
      'follow.added': async (tx, corpId, events) => {
        const adds = events.flatMap(({ customerId, data }) => (data.state && !data.half && customerId ? [{ customerId, e: { ...data, state: data.state } }] : []));
        for (const e of await recordAdds(tx, corpId, adds)) {
          afterCommit(tx, corpId, 'channels.add', `channel.add:${e.externalUserid}:${e.staffUserid}:${e.addedAt}`, e);
        }
      },
    },
  };
}
