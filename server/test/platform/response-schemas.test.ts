// How many /api routes declare the shape of their answer (OpenAPI at /api/docs shows it, and Fastify serializes
// with it). Counted from the route table against the generated document; the floor only goes up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app';

// Raise this when routes gain response schemas; never lower it.
const AT_LEAST = 190;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.cleanup());

type Operation = { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };

describe('response schemas', () => {
  it(`at least ${AT_LEAST} /api routes document their success answer`, async () => {
    const doc = (await app.app.inject('/api/docs/json')).json() as { paths: Record<string, Record<string, Operation>> };
    const typed: string[] = [];
    const untyped: string[] = [];
    for (const r of app.routes) {
      const op = doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
      const has = Object.entries(op?.responses ?? {}).some(
        ([status, res]) => status.startsWith('2') && Object.values(res.content ?? {}).some((c) => c.schema !== undefined),
      );
      (has ? typed : untyped).push(`${r.method} ${r.url}`);
    }
    console.log(`[response schemas] ${typed.length} of ${app.routes.length} /api routes\n  without: ${untyped.join(', ')}`);
    expect(typed.length).toBeGreaterThanOrEqual(AT_LEAST);
  });
});
