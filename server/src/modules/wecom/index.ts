// The WeCom port: the module (connections, callbacks, sync, the inbox) for app.ts and the modules that react to
// WeCom events or call WeCom, and the list of connected corps.
export { connectedCorpIds } from './connection.repo';
export { createWecomModule, type WecomModule, type WecomModuleOptions } from './wecom.module';
export type { WecomConnections } from './wecom-connection.service';
