// The group codes port: the module, for app.ts.
export { createGroupCodesModule } from './group-codes.module';
