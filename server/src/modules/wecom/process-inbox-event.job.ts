// Drains the inbox: per corp, the oldest unprocessed rows first, a batch at a time. WeCom's current state for every
// event of the batch is fetched side by side (outside any transaction); then the batch is applied in one transaction
// per lane (lanes split it by customer, group or tag list, so one entity's events stay together and in arrival order),
// with its "processed" marks: the event spine runs `derive` once for all the customers a lane changed. A batch that
// fails is applied again in halves, down to single events, so one bad event is retried (and eventually parked) alone
// while the others commit. A crash re-runs a batch at most until it commits once. Woken at once by the callback route
// in this process; a periodic sweep (and start-up) catches rows written by other instances or left by a crash.
import type { WecomClient, WecomEvent } from '@siyu/wecom';
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import { DomainError } from '../../http/errors';
import { applyChatSnapshots, fetchChatSnapshot, type ChatSnapshot } from './apply-chat-event';
import { applyContactSnapshots, fetchContactSnapshot, type ContactSnapshot } from './apply-contact-event';
import { applyTagList, fetchTagList, type TagList } from './apply-tag-event';
import { setFeatureStatus } from './connection.repo';
import { cleanText } from './clean-text';
import { errorText, featureOfApi, isPermissionError } from './features';
import { claimPending, markFailed, markParked, markProcessedMany, pendingCorpIds, type InboxRow } from './inbox.repo';
import type { WecomConnections } from './wecom-connection.service';

export type InboxWorkerOptions = {
  /** Sweep for rows of every corp this often (ms). Default 5 s. */
  sweepMs?: number;
  /**
   * Events claimed per lane: a batch is up to batchSize × lanes events, split by entity, so a lane's transaction holds
   * about this many (more when one entity or code has most of them). Default 500: each transaction has a fixed cost of
   * ~45 statements whatever its size (one per table and kind, one derive pass), so under a backlog larger batches spend
   * less CPU per event (spine-drain: 100 → 500 took PostgreSQL from ~1.3 to ~0.8 ms of CPU per callback). Without a
   * backlog a batch is whatever arrived while the last one was applied.
   */
  batchSize?: number;
  /**
   * Transactions applied side by side, each with its own customers, groups or the tag list (one entity's callbacks
   * always go to the same lane, in order). Default 2 on PostgreSQL, 1 on PGlite (one connection).
   */
  lanes?: number;
  /** WeCom fetches made side by side while a batch is prepared. Default 8. */
  concurrency?: number;
  leaseSeconds?: number;
  /**
   * Attempts after which an event that keeps failing is parked: marked done with its error (counted as `parked` in
   * the WeCom status) so it cannot hold the inbox back; the next reconciliation repairs what it would have changed.
   * Default 12 (about 7 h of backoff). Permission errors and a missing connection never park: they wait.
   */
  maxAttempts?: number;
};

/** What applying one callback needs, fetched from WeCom outside any transaction. */
type Preparation = { contact: ContactSnapshot } | { chat: ChatSnapshot } | { tags: TagList } | null;

/** Fetches shared by the callbacks of one batch: the corp tag list is the same whichever tag callback asks. */
type BatchFetches = { tagList?: Promise<TagList> };

async function prepare(client: WecomClient, e: WecomEvent, shared: BatchFetches): Promise<Preparation> {
  switch (e.kind) {
    case 'add_external_contact':
    case 'edit_external_contact':
    case 'add_half_external_contact':
    case 'del_external_contact':
    case 'del_follow_user':
    case 'transfer_fail':
      return { contact: await fetchContactSnapshot(client, e) };
    case 'chat_create':
    case 'chat_update':
    case 'chat_dismiss':
      return { chat: await fetchChatSnapshot(client, e) };
    case 'tag_create':
    case 'tag_update':
    case 'tag_delete':
    case 'tag_shuffle':
      shared.tagList ??= fetchTagList(client);
      return { tags: await shared.tagList };
    default:
      return null; // unknown: kept in the inbox, marked processed
  }
}

/** The entity a callback changes: its customer, its group, or the corp tag list. */
function entityOf(e: WecomEvent): string {
  if ('externalUserId' in e) return `c:${e.externalUserId}`;
  if ('chatId' in e) return `g:${e.chatId}`;
  return e.kind.startsWith('tag_') ? 'tags' : 'other';
}

/**
 * The lane of each row: its entity's, except that every callback of a customer who was added through a code (the
 * add's `state`) goes with that code. The code's owner is one row that each such add locks until commit (a fission
 * participant's credits); in one lane those adds queue in memory, in two they would wait for each other's commit.
 */
function laneKeys(events: readonly WecomEvent[]): string[] {
  const viaCode = new Map<string, string>();
  for (const e of events) {
    const isAdd = e.kind === 'add_external_contact' || e.kind === 'add_half_external_contact';
    if (isAdd && e.state && !viaCode.has(entityOf(e))) viaCode.set(entityOf(e), `state:${e.state}`);
  }
  return events.map((e) => viaCode.get(entityOf(e)) ?? entityOf(e));
}

/** Splits rows into at most `n` non-empty lanes by lane key, keeping arrival order within each lane. */
function splitByLaneKey<T extends { event: WecomEvent }>(rows: T[], n: number): T[][] {
  if (n <= 1 || rows.length <= 1) return rows.length ? [rows] : [];
  const lanes: T[][] = Array.from({ length: n }, () => []);
  const keys = laneKeys(rows.map((r) => r.event));
  rows.forEach((r, i) => {
    let h = 0;
    for (const ch of keys[i]) h = (h * 31 + ch.charCodeAt(0)) | 0;
    lanes[Math.abs(h) % n].push(r);
  });
  return lanes.filter((l) => l.length > 0);
}

function backoffSeconds(attempts: number): number {
  return Math.min(3600, 2 ** Math.min(attempts, 12));
}

export function createInboxWorker(
  ctx: AppContext,
  connections: WecomConnections,
  options: InboxWorkerOptions = {},
) {
  const { db, logger, metrics } = ctx;
  const batchSize = options.batchSize ?? 500;
  const lanes = Math.max(1, options.lanes ?? (ctx.database.kind === 'postgres' ? 2 : 1));
  const concurrency = options.concurrency ?? 8;
  const leaseSeconds = options.leaseSeconds ?? 120;
  const maxAttempts = options.maxAttempts ?? 12;
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;

  type Prepared = { row: InboxRow; event: WecomEvent; prep: Preparation; error?: unknown };

  async function prepareRow(client: WecomClient | null, row: InboxRow, shared: BatchFetches): Promise<Prepared> {
    const event = row.payload as WecomEvent;
    try {
      if (!client && event.kind !== 'unknown') throw new DomainError('wecom_not_connected');
      return { row, event, prep: client ? await prepare(client, event, shared) : null };
    } catch (error) {
      return { row, event, prep: null, error };
    }
  }

  async function fail(corpId: string, p: Prepared, err: unknown): Promise<void> {
    const { row, event: e } = p;
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

  /** The whole batch in one transaction; false when it failed (nothing of it committed). */
  async function applyBatch(corpId: string, batch: Prepared[]): Promise<boolean> {
    try {
      // Marked processed last, after every reaction and derive step, with the clock at that moment.
      await withCorp(
        db,
        corpId,
        async (tx) => {
          // Set-based per kind: contacts (customers and follows), then groups, then the corp tag list (the latest
          // fetched stands for every tag callback of the batch). Each kind's facts are recorded in arrival order.
          const preps = batch.flatMap((p) => (p.prep ? [p.prep] : []));
          await applyContactSnapshots(tx, corpId, preps.flatMap((p) => ('contact' in p ? [p.contact] : [])));
          await applyChatSnapshots(tx, corpId, preps.flatMap((p) => ('chat' in p ? [p.chat] : [])));
          await applyTagList(tx, corpId, preps.flatMap((p) => ('tags' in p ? [p.tags] : [])).at(-1) ?? null);
        },
        (tx) => markProcessedMany(tx, corpId, batch.map((p) => p.row.id)),
      );
    } catch (err) {
      if (batch.length === 1) await fail(corpId, batch[0], err);
      else logger.warn({ err, corpId, events: batch.length }, 'wecom inbox batch failed; applying each half on its own');
      return false;
    }
    for (const p of batch) metrics.wecomInboxEvents.labels(p.event.kind, 'processed').inc();
    return true;
  }

  /**
   * A batch that fails is split in halves, each applied on its own (in order), down to single events, which are failed
   * alone: one bad event among n costs about 2·log2(n) transactions, not n.
   */
  async function applyOrSplit(corpId: string, batch: Prepared[]): Promise<void> {
    if (batch.length === 0 || (await applyBatch(corpId, batch)) || batch.length === 1) return;
    const half = batch.length >> 1;
    await applyOrSplit(corpId, batch.slice(0, half));
    await applyOrSplit(corpId, batch.slice(half));
  }

  /** Prepares rows with at most `concurrency` WeCom fetches at once, keeping their order. */
  async function prepareAll(client: WecomClient | null, rows: InboxRow[]): Promise<Prepared[]> {
    const out: Prepared[] = new Array(rows.length);
    const shared: BatchFetches = {};
    let next = 0;
    const workers = Array.from({ length: Math.min(concurrency, rows.length) }, async () => {
      for (let i = next++; i < rows.length; i = next++) out[i] = await prepareRow(client, rows[i], shared);
    });
    await Promise.all(workers);
    return out;
  }

  async function drain(corpId: string): Promise<void> {
    let client: WecomClient | null = null;
    try {
      client = await connections.contactClient(corpId);
    } catch {
      client = null;
    }
    // The next batch is claimed and fetched from WeCom while this one is applied (its rows are leased, so nothing
    // else takes them; a later callback of the same customer is fetched later, so its state is never older). A batch
    // is split by entity into lanes applied side by side.
    const claimNext = async (): Promise<Prepared[][]> =>
      splitByLaneKey(await prepareAll(client, await withCorp(db, corpId, (tx) => claimPending(tx, corpId, batchSize * lanes, leaseSeconds))), lanes);
    let next: Promise<Prepared[][]> | null = stopped ? null : claimNext();
    while (next) {
      const split = await next;
      if (split.length === 0) return;
      next = stopped ? null : claimNext();
      next?.catch(() => undefined); // awaited on the next turn; this only keeps a failure from being unhandled meanwhile
      await Promise.all(split.map((lane) => applyLane(corpId, lane)));
    }
  }

  async function applyLane(corpId: string, prepared: Prepared[]): Promise<void> {
    await applyOrSplit(corpId, prepared.filter((p) => p.error === undefined));
    for (const p of prepared) if (p.error !== undefined) await fail(corpId, p, p.error);
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
