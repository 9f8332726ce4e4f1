// The sidebar port: the module for app.ts.
export { createSidebarModule } from './sidebar.module';
