// `npm run sandbox`: the WeCom sandbox standalone, with the demo corp.

import { DEMO_CORP, startSandbox } from './index';

const port = Number(process.env.SANDBOX_PORT ?? 3900);
const host = process.env.SANDBOX_HOST ?? '127.0.0.1';
const sandbox = await startSandbox({ port, host, demo: true, logger: process.env.SANDBOX_LOG === '1' });

console.log(`WeCom sandbox listening on ${sandbox.url}
  API base:        ${sandbox.url}/cgi-bin/...   (instead of https://qyapi.weixin.qq.com)
  Be a customer:   ${sandbox.url}/sandbox
Demo corp:
  corpid:          ${DEMO_CORP.corpid}
  contact secret:  ${DEMO_CORP.contact_secret}
  app agentid:     ${DEMO_CORP.agentid}
  app secret:      ${DEMO_CORP.app_secret}
Set its callback: PUT ${sandbox.url}/sandbox/corps/${DEMO_CORP.corpid}/callback {"url","token","encoding_aes_key"}`);

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    void sandbox.close().then(() => process.exit(0));
  });
}
