// The tags port: routes, service and the bulk tag job for the composition, and the WeCom call wrapper.
export { BULK_TAG_QUEUE, runBulkTag, type BulkTagJob } from './bulk-tag.job';
export { registerTagsRoutes } from './tags.routes';
export { createTagsService, type TagsService } from './tags.service';
export { createTagsModule } from './tags.module';
export { tagCustomers } from './tag-customers';
