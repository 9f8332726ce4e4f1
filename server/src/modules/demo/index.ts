// The demo port: the demo corp seed (app.ts), the sandbox-backed demo (main.ts) and its order history.
export { DEMO_CORP_ID, DEMO_LOGIN, seedDemo } from './seed-demo';
export { seedDemoOrders } from './seed-demo-orders';
export { startDemoSandbox } from './start-demo-sandbox';
