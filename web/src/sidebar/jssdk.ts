// The one JS-SDK adapter of the sidebar: inside WeCom the real @wecom/jssdk (loaded only there, so the sidebar's own
// bundle stays small); inside the sandbox's chat window the parent frame answers the same calls over postMessage.
import type { JsSignature, SidebarMessage } from '@siyu/contracts';

export type Entry = 'single_chat_tools' | 'group_chat_tools' | string;
export type Signatures = { corp: JsSignature; agent: JsSignature };

export type JsSdk = {
  register(o: { corpId: string; agentId: string; sign: (url: string) => Promise<Signatures> }): Promise<void>;
  getContext(): Promise<Entry>;
  getCurExternalContact(): Promise<string>;
  getCurExternalChat(): Promise<string>;
  sendChatMessage(m: SidebarMessage): Promise<void>;
};

const JS_API_LIST = ['getContext', 'getCurExternalContact', 'getCurExternalChat', 'sendChatMessage'];

export const inWecom = () => /wxwork/i.test(navigator.userAgent);
export const inFrame = () => window.parent !== window;

/** The page's URL as WeCom signs it: without the hash. */
export const pageUrl = () => location.href.split('#')[0];

function errorText(e: unknown): string {
  if (e && typeof e === 'object' && 'errMsg' in e) return String((e as { errMsg: unknown }).errMsg);
  return e instanceof Error ? e.message : String(e);
}

async function realSdk(): Promise<JsSdk> {
  const ww = await import('@wecom/jssdk');
  return {
    async register({ corpId, agentId, sign }) {
      let signed: Promise<Signatures> | null = null;
      const once = (url: string) => (signed ??= sign(url));
      ww.register({
        corpId,
        agentId,
        jsApiList: JS_API_LIST,
        getConfigSignature: async (url) => (await once(url)).corp,
        getAgentConfigSignature: async (url) => (await once(url)).agent,
      });
      await ww.ensureAgentConfigReady();
    },
    getContext: async () => (await ww.getContext()).entry,
    getCurExternalContact: async () => (await ww.getCurExternalContact()).userId,
    getCurExternalChat: async () => (await ww.getCurExternalChat()).chatId,
    async sendChatMessage(m) {
      await ww.sendChatMessage(m as Parameters<typeof ww.sendChatMessage>[0]);
    },
  };
}

/** The sandbox's chat window plays WeCom from the parent frame. */
function frameSdk(): JsSdk {
  let seq = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  window.addEventListener('message', (e: MessageEvent) => {
    const d = e.data as { type?: string; id?: number; ok?: boolean; result?: unknown; error?: unknown } | null;
    if (e.source !== window.parent || !d || d.type !== 'siyu-jssdk' || typeof d.id !== 'number') return;
    const p = pending.get(d.id);
    if (!p) return;
    pending.delete(d.id);
    if (d.ok) p.resolve(d.result);
    else p.reject(new Error(errorText(d.error)));
  });
  const call = <T>(api: string, args?: unknown) =>
    new Promise<T>((resolve, reject) => {
      const id = ++seq;
      pending.set(id, { resolve: (v) => resolve(v as T), reject });
      window.parent.postMessage({ type: 'siyu-jssdk', id, api, args }, '*');
    });
  // Calls made right after register go out after it (the window answers them once register's outcome is known).
  let posted: Promise<unknown> = Promise.resolve();
  const after = async <T>(api: string, args?: unknown) => {
    await posted.catch(() => undefined);
    return call<T>(api, args);
  };
  return {
    async register({ sign }) {
      const url = pageUrl();
      let reply: Promise<unknown> = Promise.resolve();
      posted = sign(url).then((s) => {
        reply = call('register', { url, ...s });
      });
      await posted;
      await reply;
    },
    getContext: async () => (await after<{ entry: Entry }>('getContext')).entry,
    getCurExternalContact: async () => (await after<{ userId: string }>('getCurExternalContact')).userId,
    getCurExternalChat: async () => (await after<{ chatId: string }>('getCurExternalChat')).chatId,
    async sendChatMessage(m) {
      await after('sendChatMessage', m);
    },
  };
}

/** The JS-SDK for where the page runs, or null outside WeCom and outside the sandbox. */
export async function loadJsSdk(): Promise<JsSdk | null> {
  if (inWecom()) return realSdk();
  if (inFrame()) return frameSdk();
  return null;
}
