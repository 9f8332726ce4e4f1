// Drains the inbox: per corp, the oldest unprocessed rows first; each event's domain write and its
// "processed" mark commit together, so a crash re-runs an event at most until it commits once.
// Woken at once by the callback route in this process; a periodic sweep (and start-up) catches
// rows written by other instances or left by a crash.
import type { WecomClient, WecomEvent } from '@siyu/wecom';
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import { DomainError } from '../../http/errors';
import { prepareChatEvent } from './apply-chat-event';
import { prepareContactEvent, type EventWriter } from './apply-contact-event';
import { prepareTagEvent } from './apply-tag-event';
import { setFeatureStatus } from './connection.repo';
import { cleanText } from './clean-text';
import { errorText, featureOfApi, isPermissionError } from './features';
import { claimPending, markFailed, markParked, markProcessed, pendingCorpIds, type InboxRow } from './inbox.repo';
import type { EventListeners } from './event-listeners';
import type { WecomConnections } from './wecom-connection.service';

export type InboxWorkerOptions = {
  /** Sweep for rows of every corp this often (ms). Default 5 s. */
  sweepMs?: number;
  batchSize?: number;
  /** Events of different customers / groups processed at once. Default 4. */
  concurrency?: number;
  leaseSeconds?: number;
  /**
   * Attempts after which an event that keeps failing is parked: marked done with its error (counted as `parked` in
   * the WeCom status) so it cannot hold the inbox back; the next reconciliation repairs what it would have changed.
   * Default 12 (about 7 h of backoff). Permission errors and a missing connection never park: they wait.
   */
  maxAttempts?: number;
};

async function prepare(client: WecomClient, e: WecomEvent): Promise<EventWriter | null> {
  switch (e.kind) {
    case 'add_external_contact':
    case 'edit_external_contact':
    case 'add_half_external_contact':
    case 'del_external_contact':
    case 'del_follow_user':
    case 'transfer_fail':
      return prepareContactEvent(client, e);
    case 'chat_create':
    case 'chat_update':
    case 'chat_dismiss':
      return prepareChatEvent(client, e);
    case 'tag_create':
    case 'tag_update':
    case 'tag_delete':
    case 'tag_shuffle':
      return prepareTagEvent(client, e);
    default:
      return null; // unknown: kept in the inbox, marked processed
  }
}

/** Events about the same entity run in order; different entities may run side by side. */
function entityKey(e: WecomEvent): string {
  if ('externalUserId' in e) return `c:${e.externalUserId}`;
  if ('chatId' in e) return `g:${e.chatId}`;
  if (e.kind.startsWith('tag_')) return 'tags';
  return `u:${e.kind}`;
}

function backoffSeconds(attempts: number): number {
  return Math.min(3600, 2 ** Math.min(attempts, 12));
}

export function createInboxWorker(
  ctx: AppContext,
  connections: WecomConnections,
  listeners: EventListeners,
  options: InboxWorkerOptions = {},
) {
  const { db, logger, metrics } = ctx;
  const batchSize = options.batchSize ?? 100;
  const concurrency = options.concurrency ?? 4;
  const leaseSeconds = options.leaseSeconds ?? 120;
  const maxAttempts = options.maxAttempts ?? 12;
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;

  async function processRow(corpId: string, client: WecomClient | null, row: InboxRow): Promise<void> {
    const e = row.payload as WecomEvent;
    try {
      if (!client && e.kind !== 'unknown') throw new DomainError('wecom_not_connected');
      const write = client ? await prepare(client, e) : null;
      await withCorp(db, corpId, async (tx) => {
        const applied = write ? await write(tx, corpId) : {};
        for (const l of listeners.list()) if (l.inTx) await l.inTx(tx, corpId, e, applied);
        await markProcessed(tx, corpId, row.id);
      });
      metrics.wecomInboxEvents.labels(e.kind, 'processed').inc();
      for (const l of listeners.list()) {
        if (!l.afterCommit) continue;
        await l.afterCommit(corpId, e).catch((err) => logger.warn({ err, corpId, listener: l.name }, 'wecom event listener failed'));
      }
    } catch (err) {
      let retryIn = backoffSeconds(row.attempts);
      if (isPermissionError(err)) {
        retryIn = 600;
        await withCorp(db, corpId, (tx) =>
          setFeatureStatus(tx, corpId, featureOfApi(err.api), { status: 'disabled', errcode: err.errcode, api: err.api, message: cleanText(err.errmsg) }),
        ).catch(() => undefined);
      }
      const waits = isPermissionError(err) || (err instanceof DomainError && err.code === 'wecom_not_connected');
      if (!waits && row.attempts >= maxAttempts) {
        metrics.wecomInboxEvents.labels(e.kind, 'parked').inc();
        logger.error({ err, corpId, inboxId: row.id, kind: e.kind, attempts: row.attempts }, 'wecom inbox event parked');
        await withCorp(db, corpId, (tx) => markParked(tx, corpId, row.id, errorText(err))).catch(() => undefined);
        return;
      }
      metrics.wecomInboxEvents.labels(e.kind, 'failed').inc();
      logger.warn({ err, corpId, inboxId: row.id, kind: e.kind }, 'wecom inbox event failed; will retry');
      await withCorp(db, corpId, (tx) => markFailed(tx, corpId, row.id, errorText(err), retryIn)).catch(() => undefined);
    }
  }

  async function drain(corpId: string): Promise<void> {
    let client: WecomClient | null = null;
    try {
      client = await connections.contactClient(corpId);
    } catch {
      client = null;
    }
    for (;;) {
      if (stopped) return;
      const rows = await withCorp(db, corpId, (tx) => claimPending(tx, corpId, batchSize, leaseSeconds));
      if (rows.length === 0) return;
      const lanes = new Map<string, InboxRow[]>();
      for (const r of rows) {
        const k = entityKey(r.payload as WecomEvent);
        const lane = lanes.get(k) ?? [];
        lane.push(r);
        lanes.set(k, lane);
      }
      const queue = [...lanes.values()];
      const workers = Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
        for (let lane = queue.shift(); lane; lane = queue.shift()) {
          for (const r of lane) await processRow(corpId, client, r);
        }
      });
      await Promise.all(workers);
    }
  }

  function kick(corpId: string): void {
    if (stopped) return;
    if (running.has(corpId)) {
      again.add(corpId);
      return;
    }
    const p = drain(corpId)
      .catch((err) => logger.error({ err, corpId }, 'wecom inbox drain failed'))
      .finally(() => {
        running.delete(corpId);
        if (again.delete(corpId)) kick(corpId);
      });
    running.set(corpId, p);
  }

  async function sweep(): Promise<void> {
    try {
      for (const corpId of await pendingCorpIds(db)) kick(corpId);
    } catch (err) {
      logger.error({ err }, 'wecom inbox sweep failed');
    }
  }

  return {
    kick,
    sweep,
    start(): void {
      stopped = false;
      void sweep();
      timer = setInterval(() => void sweep(), options.sweepMs ?? 5000);
      timer.unref();
    },
    /** Resolves when no drain is running (tests). */
    async idle(): Promise<void> {
      while (running.size) await Promise.all([...running.values()]);
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      while (running.size) await Promise.all([...running.values()]);
    },
  };
}

export type InboxWorker = ReturnType<typeof createInboxWorker>;
