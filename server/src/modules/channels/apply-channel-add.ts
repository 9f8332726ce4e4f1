// Reaction to a customer adding staff through a channel code. In the applying transaction: attribute the add
// (channel_adds), tag the follow locally, write the timeline. After commit: the welcome message (its code is only
// valid 20 s, so it goes first, once: a late or refused one is recorded as 'late', never retried), mark_tag on
// WeCom, and a cap check that may take the staff member off the code for the rest of the day.
import { isWecomError, type WecomClient, type WecomEvent } from '@siyu/wecom';
import type { AppContext } from '../../context';
import type { WelcomeAttachment } from '../../db/schema';
import { withCorp, type Tx } from '../../db/tenancy';
import type { EventListener } from '../wecom/event-listeners';
import type { WecomConnections } from '../wecom/wecom-connection.service';
import { applyRotation } from './apply-rotation';
import { mergeWelcomeText } from './channel-schedule';
import * as repo from './channels.repo';

export const WELCOME_TTL_MS = 20_000;
/** Margin kept before WeCom's 20 s: a code this old is not worth a call. */
const WELCOME_SEND_DEADLINE_MS = 19_000;

type AddEvent = Extract<WecomEvent, { kind: 'add_external_contact' }>;

function isChannelAdd(e: WecomEvent): e is AddEvent & { state: string } {
  return e.kind === 'add_external_contact' && !!e.state;
}

const addedAtOf = (e: AddEvent) => new Date(e.createTime * 1000);

async function recordAdd(tx: Tx, corpId: string, e: AddEvent & { state: string }): Promise<void> {
  const code = await repo.findCodeByState(tx, corpId, e.state);
  if (!code) return;
  const customer = await repo.findCustomerId(tx, corpId, e.externalUserId);
  if (!customer) return; // WeCom no longer knows the relation
  const hasWelcome = !!e.welcomeCode && (!!code.welcome.text?.trim() || !!code.welcome.attachments?.length);
  const addedAt = addedAtOf(e);
  const id = await repo.insertAdd(tx, corpId, {
    channelId: code.id,
    customerId: customer.id,
    staffUserid: e.userId,
    addedAt,
    welcome: hasWelcome,
    tags: code.tagIds.length > 0,
  });
  if (id === null) return;
  if (code.tagIds.length) await repo.addFollowTags(tx, corpId, customer.id, e.userId, code.tagIds);
  await repo.insertTimelineEvent(tx, corpId, {
    customerId: customer.id,
    type: 'channel.add',
    dedupeKey: `channel.add:${code.id}:${e.externalUserId}:${e.userId}:${e.createTime}`,
    occurredAt: addedAt,
    properties: { channelId: code.id, channelName: code.name, staffUserid: e.userId, state: e.state },
  });
}

export function createChannelAddListener(ctx: AppContext, connections: WecomConnections, now: () => number = Date.now): EventListener {
  const { db, logger } = ctx;

  async function sendWelcome(client: WecomClient, corpId: string, e: AddEvent): Promise<void> {
    const key = { externalUserid: e.externalUserId, staffUserid: e.userId, addedAt: addedAtOf(e) };
    const claimed = await withCorp(db, corpId, (tx) => repo.claimStep(tx, corpId, 'welcome', key));
    if (!claimed || !e.welcomeCode) return;
    const code = await withCorp(db, corpId, (tx) => repo.findCode(tx, corpId, claimed.channelId));
    if (!code) return;
    const age = now() - e.createTime * 1000;
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
    const key = { externalUserid: e.externalUserId, staffUserid: e.userId, addedAt: addedAtOf(e) };
    const claimed = await withCorp(db, corpId, (tx) => repo.claimStep(tx, corpId, 'tag', key));
    if (!claimed) return;
    const code = await withCorp(db, corpId, (tx) => repo.findCode(tx, corpId, claimed.channelId));
    if (!code?.tagIds.length) return;
    try {
      await client.markTag({ userid: e.userId, external_userid: e.externalUserId, add_tag: code.tagIds });
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

  return {
    name: 'channels.add',
    async inTx(tx, corpId, e) {
      if (isChannelAdd(e)) await recordAdd(tx, corpId, e);
    },
    async afterCommit(corpId, e) {
      if (!isChannelAdd(e)) return;
      const client = await connections.contactClient(corpId);
      await Promise.all([
        sendWelcome(client, corpId, e).catch((err) => logger.warn({ err, corpId }, 'channel welcome failed')),
        markTags(client, corpId, e).catch((err) => logger.warn({ err, corpId }, 'channel tags failed')),
      ]);
      await checkCap(client, corpId, e.state).catch((err) => logger.warn({ err, corpId }, 'channel cap check failed'));
    },
  };
}
