// Public API of @siyu/sandbox.

import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { buildSandboxApp } from './app';
import { createDemoCorp } from './demo';
import { SandboxState, type StateOptions } from './state';

export { buildSandboxApp, getSandboxState, type BuildOptions } from './app';
export { generatePopulation, loadPopulation, type PopulationData, type PopulationOptions } from './population';
export { SandboxState, type NewCorp, type StateOptions } from './state';
export { createDemoCorp, DEMO_CORP } from './demo';
export type { CallbackLogEntry, CallbackStatus } from './callback-pusher';
export type { ApiFault, CallbackFault, CallbackFaultMode } from './faults';
export { WELCOME_CODE_TTL_MS } from './simulate';
export { mulberry32 } from './rng';
export type * from './types';

export interface SandboxOptions extends StateOptions {
  /** 0 = random free port (default). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  logger?: boolean;
  /** Create the demo corp with a small population. */
  demo?: boolean;
}

export interface Sandbox {
  url: string;
  state: SandboxState;
  app: FastifyInstance;
  /** Resolves when every queued callback has been delivered, failed or dropped. */
  flushCallbacks(): Promise<void>;
  close(): Promise<void>;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const state = new SandboxState(opts);
  const app = buildSandboxApp({ state, logger: opts.logger });
  const host = opts.host ?? '127.0.0.1';
  await app.listen({ port: opts.port ?? 0, host });
  const addr = app.server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${addr.port}`;
  state.publicUrl = url;
  if (opts.demo) createDemoCorp(state);
  return {
    url,
    state,
    app,
    flushCallbacks: () => state.pusher.flush(),
    close: async () => {
      state.pusher.close();
      await app.close();
    },
  };
}
