// The leads port: the module for app.ts, and the steps the growth demo drives (store, import, distribute).
export { distributeLeads } from './distribute-leads';
export { importLeadBatch } from './import-leads.job';
export { createLeadsModule } from './leads.module';
export { storeLeadUpload } from './store-lead-upload';
