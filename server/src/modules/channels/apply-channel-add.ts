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
import type { WecomConnections } from '../wecom';
import { applyRotation } from './apply-rotation';
import { mergeWelcomeText } from './channel-schedule';
import * as repo from './channels.repo';

export const WELCOME_TTL_MS = 20_000;
/** Margin kept before WeCom's 20 s: a code this old is not worth a call. */
const WELCOME_SEND_DEADLINE_MS = 19_000;

type AddEvent = DomainEvent<'follow.added'>['data'] & { state: string };

const addedAtOf = (e: AddEvent) => new Date(e.addedAt);
const keyOf = (e: AddEvent) => ({ externalUserid: e.externalUserid, staffUserid: e.staffUserid, addedAt: addedAtOf(e) });

async function recordAdd(tx: Tx, corpId: string, customerId: string, e: AddEvent): Promise<boolean> {
  const code = await repo.findCodeByState(tx, corpId, e.state);
  if (!code) return false;
  const hasWelcome = !!e.welcomeCode && (!!code.welcome.text?.trim() || !!code.welcome.attachments?.length);
  const addedAt = addedAtOf(e);
  const id = await repo.insertAdd(tx, corpId, {
    channelId: code.id,
    customerId,
    staffUserid: e.staffUserid,
    addedAt,
    welcome: hasWelcome,
    tags: code.tagIds.length > 0,
  });
  if (id === null) return false;
  if (code.tagIds.length) await repo.addFollowTags(tx, corpId, customerId, e.staffUserid, code.tagIds);
  await recordEvents(tx, corpId, [
    {
      event: { type: 'follow.attributed', customerId, data: { channelId: code.id, channelName: code.name, staffUserid: e.staffUserid, state: e.state } },
      timeline: {
        type: 'channel.add',
        source: 'wecom',
        dedupeKey: `channel.add:${code.id}:${e.externalUserid}:${e.staffUserid}:${Math.floor(addedAt.getTime() / 1000)}`,
        occurredAt: addedAt,
        properties: { channelId: code.id, channelName: code.name, staffUserid: e.staffUserid, state: e.state },
      },
    },
    ...(code.tagIds.length
      ? [{ event: { type: 'tag.added' as const, customerId, data: { tagIds: code.tagIds, source: 'channel' as const, staffUserid: e.staffUserid } } }]
      : []),
  ]);
  return true;
}

export function channelAddReactor(ctx: AppContext, connections: WecomConnections, now: () => number = Date.now): Reactor {
  const { db, logger } = ctx;

  async function sendWelcome(client: WecomClient, corpId: string, e: AddEvent): Promise<void> {
    const claimed = await withCorp(db, corpId, (tx) => repo.claimStep(tx, corpId, 'welcome', keyOf(e)));
    if (!claimed || !e.welcomeCode) return;
    const code = await withCorp(db, corpId, (tx) => repo.findCode(tx, corpId, claimed.channelId));
    if (!code) return;
    const age = now() - addedAtOf(e).getTime();
    let status: 'sent' | 'late' | 'failed' = 'sent';
    let error: string | null = null;
    if (age > WELCOME_SEND_DEADLINE_MS) {
      status = 'late';
      error = `welcome_code ${Math.round(age / 1000)} s old (valid ${WELCOME_TTL_MS / 1000} s)`;
    } else {
      const text = code.welcome.text?.trim() ? mergeWelcomeText(code.welcome.text, claimed.customerName || '') : undefined;
      const attachments = (code.welcome.attachments ?? []) as WelcomeAttachment[];
      try {
        await client.sendWelcomeMsg({ welcome_code: e.welcomeCode, ...(text ? { text: { content: text } } : {}), attachments });
      } catch (err) {
        status = isWecomError(err) && err.errcode === 41051 ? 'late' : 'failed';
        error = err instanceof Error ? err.message.slice(0, 300) : String(err);
      }
    }
    if (status !== 'sent') logger.warn({ corpId, channelId: code.id, status, error }, 'channel welcome message not delivered');
    await withCorp(db, corpId, (tx) => repo.setWelcomeOutcome(tx, corpId, claimed.id, status, error));
  }

  async function markTags(client: WecomClient, corpId: string, e: AddEvent): Promise<void> {
    const claimed = await withCorp(db, corpId, (tx) => repo.claimStep(tx, corpId, 'tag', keyOf(e)));
    if (!claimed) return;
    const code = await withCorp(db, corpId, (tx) => repo.findCode(tx, corpId, claimed.channelId));
    if (!code?.tagIds.length) return;
    try {
      await client.markTag({ userid: e.staffUserid, external_userid: e.externalUserid, add_tag: code.tagIds });
    } catch (err) {
      logger.warn({ err, corpId, channelId: code.id }, 'channel auto-tag failed');
      await withCorp(db, corpId, (tx) => repo.setTagOutcome(tx, corpId, claimed.id, 'failed'));
    }
  }

  async function checkCap(client: WecomClient, corpId: string, state: string): Promise<void> {
    await withCorp(db, corpId, async (tx) => {
      const code = await repo.findCodeByState(tx, corpId, state);
      if (code?.dailyCap) await applyRotation(tx, client, corpId, code);
    });
  }

  async function effects(corpId: string, e: AddEvent): Promise<void> {
    const client = await connections.contactClient(corpId);
    await Promise.all([
      sendWelcome(client, corpId, e).catch((err) => logger.warn({ err, corpId }, 'channel welcome failed')),
      markTags(client, corpId, e).catch((err) => logger.warn({ err, corpId }, 'channel tags failed')),
    ]);
    await checkCap(client, corpId, e.state).catch((err) => logger.warn({ err, corpId }, 'channel cap check failed'));
  }

  return {
    name: 'channels',
    phase: 'attribution',
    effects: { 'channels.add': (corpId, data) => effects(corpId, data as AddEvent) },
    on: {
      'follow.added': async (tx, corpId, events) => {
        for (const { customerId, data } of events) {
          if (!data.state || data.half || !customerId) continue;
          const e = { ...data, state: data.state };
          if (!(await recordAdd(tx, corpId, customerId, e))) continue;
          afterCommit(tx, corpId, 'channels.add', `channel.add:${e.externalUserid}:${e.staffUserid}:${e.addedAt}`, e);
        }
      },
    },
  };
}
