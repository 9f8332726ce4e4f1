// Run-time fault injection: API errcodes and callback delivery faults.

import type { Rng } from './rng';

export interface ApiFault {
  id: number;
  corp_id: string | null;
  /** Path after /cgi-bin/ (e.g. 'externalcontact/get') or '*' (every API except gettoken). */
  api: string;
  errcode: number;
  /** Calls left; null = unlimited. */
  remaining: number | null;
  rate: number;
  hits: number;
}

export type CallbackFaultMode = 'drop' | 'duplicate' | 'reorder' | 'delay';
export const CALLBACK_FAULT_MODES: readonly CallbackFaultMode[] = ['drop', 'duplicate', 'reorder', 'delay'];

export interface CallbackFault {
  id: number;
  corp_id: string | null;
  mode: CallbackFaultMode;
  rate: number;
  delay_ms: number;
}

export class Faults {
  api: ApiFault[] = [];
  callback: CallbackFault[] = [];
  private seq = 0;

  constructor(private readonly rng: () => Rng) {}

  addApi(f: Omit<ApiFault, 'id' | 'hits'>): ApiFault {
    const fault: ApiFault = { ...f, id: ++this.seq, hits: 0 };
    this.api.push(fault);
    return fault;
  }

  clearApi(corpId?: string): void {
    this.api = corpId ? this.api.filter((f) => f.corp_id !== corpId) : [];
  }

  /** Returns the injected errcode for this call, if any, and consumes one use. */
  takeApi(corpId: string | null, api: string): number | null {
    for (const f of this.api) {
      if (f.corp_id !== null && f.corp_id !== corpId) continue;
      if (f.api === '*' ? api === 'gettoken' : f.api !== api) continue;
      if (f.rate < 1 && this.rng()() >= f.rate) continue;
      f.hits++;
      if (f.remaining !== null) {
        f.remaining--;
        if (f.remaining <= 0) this.api = this.api.filter((x) => x !== f);
      }
      return f.errcode;
    }
    return null;
  }

  addCallback(f: Omit<CallbackFault, 'id'>): CallbackFault {
    const fault: CallbackFault = { ...f, id: ++this.seq };
    this.callback.push(fault);
    return fault;
  }

  clearCallback(corpId?: string): void {
    this.callback = corpId ? this.callback.filter((f) => f.corp_id !== corpId) : [];
  }

  /** Which callback fault modes apply to one delivery (each drawn with its rate). */
  drawCallback(corpId: string): { drop: boolean; duplicate: boolean; reorder: boolean; delay_ms: number } {
    const out = { drop: false, duplicate: false, reorder: false, delay_ms: 0 };
    for (const f of this.callback) {
      if (f.corp_id !== null && f.corp_id !== corpId) continue;
      if (f.rate < 1 && this.rng()() >= f.rate) continue;
      if (f.mode === 'delay') out.delay_ms = Math.max(out.delay_ms, f.delay_ms);
      else out[f.mode] = true;
    }
    return out;
  }
}
