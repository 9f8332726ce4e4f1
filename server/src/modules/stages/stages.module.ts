// Composition of stages: routes, and the customer-change reaction that advances customers by stage entry rules.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context';
import { onCustomersChanged } from '../events/customer-changed';
import { advanceCustomers, isAnnouncingRuleMoves } from './advance-by-rules';
import { registerStagesRoutes } from './stages.routes';
import { createStagesService } from './stages.service';

export function createStagesModule(ctx: AppContext) {
  const service = createStagesService(ctx);
  let unsubscribe: (() => void) | null = null;
  return {
    service,
    registerRoutes(app: FastifyInstance): void {
      registerStagesRoutes(app, service);
    },
    /** Runs in the writer's transaction; our own rule moves are announced as 'stage' and not reacted to here. */
    registerListener(): void {
      unsubscribe ??= onCustomersChanged(async (tx, corpId, customerIds, reason) => {
        if (reason === 'stage' && isAnnouncingRuleMoves(tx)) return;
        await advanceCustomers(tx, corpId, customerIds, { onlyStageRules: reason === 'stage' });
      });
    },
    stop(): void {
      unsubscribe?.();
      unsubscribe = null;
    },
  };
}

export type StagesModule = ReturnType<typeof createStagesModule>;
