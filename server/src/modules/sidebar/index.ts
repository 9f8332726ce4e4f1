// The sidebar port: the module for app.ts, and the material source shape the material library plugs in.
export { createSidebarModule } from './sidebar.module';
export type { MaterialSource } from './sidebar-library';
