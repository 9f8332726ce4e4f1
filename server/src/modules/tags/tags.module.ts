// Composition of tags: corp tags (two-way with WeCom), tagging customers one by one or in bulk (a job).
import type { AppContext } from '../../context';
import type { SiyuModule } from '../../platform/module';
import type { WecomModule } from '../wecom';
import { BULK_TAG_QUEUE, runBulkTag, type BulkTagJob } from './bulk-tag.job';
import { registerTagsRoutes } from './tags.routes';
import { createTagsService } from './tags.service';
import { MARK_TAGS_EFFECT, markTagsEffect } from './tag-customers';

export function createTagsModule(ctx: AppContext, wecom: WecomModule): SiyuModule {
  return {
    name: 'tags',
    menu: ['tags'],
    effects: { [MARK_TAGS_EFFECT]: markTagsEffect(wecom.connections) },
    routes: (app) =>
      registerTagsRoutes(app, createTagsService(ctx, wecom.connections, (corpId) => wecom.service.startRun(corpId, 'reconcile', 'repair'))),
    jobs: () =>
      ctx.queue.register<BulkTagJob>(BULK_TAG_QUEUE, (job) => runBulkTag(ctx, wecom.connections, job), { retryLimit: 5, retryDelaySeconds: 5, expireInSeconds: 3600 }),
  };
}
