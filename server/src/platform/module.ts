// The shape every module has: one glossary term, listed once in app.ts. The same list registers routes and jobs,
// gives the event router its reactions (`phase`, `on`, `derive`), starts and stops timers, and gives the console its
// menu (the keys in `menu`, in GET /api/auth/me → modules).
import type { FastifyInstance } from 'fastify';
import type { Deriver, EffectHandler, Phase, Reactions } from './events';

export type SiyuModule = {
  name: string;
  /** Console menu entries this module brings. */
  menu?: readonly string[];
  routes?(app: FastifyInstance): void;
  /** Registers queue handlers; called before the queue starts. */
  jobs?(): void;
  /** When its reactions run relative to other modules' (mirror → profile → attribution → derive). */
  phase?: Phase;
  on?: Reactions;
  derive?: Deriver;
  /** Effects it performs outside the database, by name (asked for with afterCommit; durable jobs). */
  effects?: Record<string, EffectHandler>;
  /** After the queue started. */
  start?(): void | Promise<void>;
  stop?(): void | Promise<void>;
};

/** The reactors of a module list, for the event router. */
export function reactorsOf(modules: readonly SiyuModule[]) {
  return modules
    .filter((m) => m.on || m.derive || m.effects)
    .map((m) => ({ name: m.name, phase: m.phase ?? 'attribution', on: m.on, derive: m.derive, effects: m.effects }));
}
