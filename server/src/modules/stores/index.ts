// The stores port: the module, for app.ts.
export { createStoresModule } from './stores.module';
