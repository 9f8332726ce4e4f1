// Delivers encrypted event callbacks to each corp's URL: one ordered queue per corp,
// 5 s timeout, 3 tries in all, with injectable drop / duplicate / reorder / delay.

import { randomBytes } from 'node:crypto';
import { encrypt, getSignature } from '@wecom/crypto';
import { buildEnvelopeXml, buildEventXml, type EventField } from './event-xml';
import type { Faults } from './faults';
import { postCallback } from './post-callback';
import type { CorpState } from './types';

export type CallbackStatus = 'pending' | 'delivered' | 'failed' | 'dropped' | 'skipped';

export interface CallbackLogEntry {
  id: number;
  corp_id: string;
  event: string;
  change_type: string;
  create_time: number;
  status: CallbackStatus;
  attempts: number;
  http_status: number | null;
  last_error: string;
  /** A second delivery of an earlier entry (duplicate fault). */
  duplicate_of: number | null;
  /** Delivered after the event that followed it (reorder fault). */
  reordered: boolean;
  delayed_ms: number;
  queued_at: number;
  finished_at: number | null;
  xml: string;
}

export interface PusherOptions {
  timeoutMs: number;
  retryDelayMs: number;
  /** How long a reordered event waits for a successor before going out anyway. */
  reorderWindowMs: number;
  tries: number;
}

interface Queued {
  corp: CorpState;
  entry: CallbackLogEntry;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class CallbackPusher {
  readonly log: CallbackLogEntry[] = [];
  private readonly queues = new Map<string, Queued[]>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly waiters = new Map<string, () => void>();
  private seq = 0;
  private closed = false;

  constructor(
    private readonly faults: Faults,
    private readonly nowSec: () => number,
    private readonly opts: PusherOptions,
  ) {}

  /** Queues one event; returns its log entry. */
  push(corp: CorpState, event: string, fields: EventField[]): CallbackLogEntry {
    const createTime = this.nowSec();
    const changeType = fields.find(([n]) => n === 'ChangeType')?.[1];
    const entry: CallbackLogEntry = {
      id: ++this.seq,
      corp_id: corp.corpid,
      event,
      change_type: typeof changeType === 'string' ? changeType : '',
      create_time: createTime,
      status: 'pending',
      attempts: 0,
      http_status: null,
      last_error: '',
      duplicate_of: null,
      reordered: false,
      delayed_ms: 0,
      queued_at: Date.now(),
      finished_at: null,
      xml: buildEventXml(corp.corpid, createTime, event, fields),
    };
    this.log.push(entry);
    const q = this.queues.get(corp.corpid) ?? [];
    this.queues.set(corp.corpid, q);
    q.push({ corp, entry });
    this.waiters.get(corp.corpid)?.();
    if (!this.running.has(corp.corpid)) {
      const p = this.run(corp.corpid).finally(() => this.running.delete(corp.corpid));
      this.running.set(corp.corpid, p);
    }
    return entry;
  }

  /** Resolves when every queue is empty and no delivery is in flight. */
  async flush(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()]);
  }

  close(): void {
    this.closed = true;
    for (const q of this.queues.values()) q.length = 0;
    for (const w of this.waiters.values()) w();
  }

  private async run(corpId: string): Promise<void> {
    await new Promise<void>((r) => setImmediate(r));
    const q = this.queues.get(corpId) ?? [];
    while (q.length > 0 && !this.closed) {
      const item = q.shift() as Queued;
      const draw = this.faults.drawCallback(corpId);
      if (draw.reorder) {
        if (q.length === 0) await this.waitForNext(corpId);
        const next = q.shift();
        if (next) {
          const nextDraw = this.faults.drawCallback(corpId);
          await this.deliver(next, nextDraw);
          item.entry.reordered = true;
        }
      }
      await this.deliver(item, draw);
    }
  }

  private waitForNext(corpId: string): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(corpId);
        resolve();
      };
      const timer = setTimeout(done, this.opts.reorderWindowMs);
      this.waiters.set(corpId, done);
    });
  }

  private async deliver(item: Queued, draw: { drop: boolean; duplicate: boolean; delay_ms: number }): Promise<void> {
    const { entry, corp } = item;
    if (draw.delay_ms > 0) {
      entry.delayed_ms = draw.delay_ms;
      await sleep(draw.delay_ms);
    }
    if (draw.drop) {
      entry.status = 'dropped';
      entry.finished_at = Date.now();
      return;
    }
    await this.send(corp, entry);
    if (draw.duplicate) {
      const dup: CallbackLogEntry = {
        ...entry,
        id: ++this.seq,
        duplicate_of: entry.id,
        attempts: 0,
        status: 'pending',
      };
      this.log.push(dup);
      await this.send(corp, dup);
    }
  }

  private async send(corp: CorpState, entry: CallbackLogEntry): Promise<void> {
    const cb = corp.callback;
    if (!cb) {
      entry.status = 'skipped';
      entry.last_error = 'no callback URL configured';
      entry.finished_at = Date.now();
      return;
    }
    for (let attempt = 1; attempt <= this.opts.tries && !this.closed; attempt++) {
      entry.attempts = attempt;
      try {
        const encrypted = encrypt(cb.encodingAESKey, entry.xml, corp.corpid);
        const timestamp = String(this.nowSec());
        const nonce = randomBytes(8).toString('hex');
        const signature = getSignature(cb.token, timestamp, nonce, encrypted);
        const url = new URL(cb.url);
        url.searchParams.set('msg_signature', signature);
        url.searchParams.set('timestamp', timestamp);
        url.searchParams.set('nonce', nonce);
        const status = await postCallback(url, buildEnvelopeXml(corp.corpid, encrypted, ''), this.opts.timeoutMs);
        entry.http_status = status;
        if (status === 200) {
          entry.status = 'delivered';
          entry.last_error = '';
          entry.finished_at = Date.now();
          return;
        }
        entry.last_error = `HTTP ${status}`;
      } catch (err) {
        entry.last_error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      }
      if (attempt < this.opts.tries) await sleep(this.opts.retryDelayMs);
    }
    entry.status = 'failed';
    entry.finished_at = Date.now();
  }
}
