// The route-walking fuzzer: every operation of the OpenAPI document (and every route outside /api) × bad strings,
// wrong types, huge numbers, 5,000-deep nesting, unknown fields, in path, query and body. No answer ≥ 500, none slower
// than 5 s, every 4xx a {code, message}, and a refused request leaves the corp's rows and its sandbox state as they
// were. Seeded (SECURITY_FUZZ_SEED); SECURITY_FUZZ_RUNS scales it up (npm run test:security).
import { mulberry32 } from '@siyu/sandbox';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCorp } from '../../src/db/tenancy';
import { DomainError } from '../../src/http/errors';
import { compileRule } from '../../src/modules/segments/compile-rule';
import { validateRuleShape } from '../../src/modules/segments/validate-rule';
import { NOW, REFERENCED, ruleArb } from '../segments/rule-data';
import { bodyMutations, pathMutations, queryMutations, rawBodyMutations, type Mutation } from './mutations';
import { Recorder, send } from './probe';
import { discoverOperations, fillUrl, isWrite, realPathValues, resolver, roleFor, type Operation } from './routes';
import { sampleBody, type Resolve } from './sample';
import { diff, digest, quietDigest, type Digest } from './state';
import { relogin, startWorld, type World } from './world';

const SEED = Number(process.env.SECURITY_FUZZ_SEED ?? 20_261_201);
const RUNS = Math.max(1, Number(process.env.SECURITY_FUZZ_RUNS ?? 1));

let world: World;
let ops: Operation[];
let resolve: Resolve;

beforeAll(async () => {
  world = await startWorld();
  const found = await discoverOperations(world);
  ops = found.ops;
  resolve = resolver(found.doc);
}, 600_000);
afterAll(async () => world?.close());

/** Deletes and logout last, so the records and the session the other operations aim at still exist. */
function rank(op: Operation): number {
  if (op.url === '/api/auth/logout' || op.url === '/api/auth/switch-corp') return 3;
  if (op.method === 'DELETE') return op.url.startsWith('/api/users') ? 2 : 1;
  return 0;
}

/** Bodies whose sampled form would disconnect the world from its sandbox start from the real values. */
function baseBody(op: Operation): unknown {
  const corp = world.a;
  if (op.method === 'PUT' && op.url === '/api/wecom/connection') return { agentId: corp.agentSecret.agentId, appSecret: corp.agentSecret.secret };
  return op.body ? sampleBody(op.body, resolve, corp) : undefined;
}

function mutationsOf(op: Operation, run: number, rng: () => number): Mutation[] {
  const real = realPathValues(op, world.a);
  const url = fillUrl(op.url, real);
  const extra = run === 0 ? 2 : 4;
  const base = baseBody(op);
  const basePayload = base === undefined ? undefined : JSON.stringify(base);
  const out: Mutation[] = [...pathMutations(op, real, rng, extra), ...queryMutations(op, url, rng, extra)].map((m) =>
    basePayload ? { ...m, payload: basePayload, contentType: 'application/json' } : m,
  );
  if (op.body) out.push(...bodyMutations(op, url, base, resolve, rng, extra));
  else if (isWrite(op.method) && op.method !== 'DELETE') out.push(...rawBodyMutations(url, rng, extra));
  return out;
}

describe('route-walking fuzzer', () => {
  it('answers every malformed request below 500, within 5 s, with {code, message}, and changes nothing when it refuses', async () => {
    const rec = new Recorder();
    const rng = mulberry32(SEED);
    const corp = world.a;
    const ordered = [...ops].sort((x, y) => rank(x) - rank(y));
    console.log(`[security] fuzz: seed ${SEED} (SECURITY_FUZZ_SEED), runs ${RUNS} (SECURITY_FUZZ_RUNS), ${ordered.length} operations`);
    const started = Date.now();
    let before: Digest = await quietDigest(world, corp.corpId);
    // The operation whose requests were all refused since `before`, checked when the next one starts.
    let pending: string[] = [];
    const check = (after: Digest, what: string) => {
      const moved = diff(before, after);
      if (moved.length) rec.fail(`refused requests or reads changed ${moved.join(', ')}: ${what}`);
      before = after;
    };
    for (let run = 0; run < RUNS; run++) {
      for (const op of ordered) {
        const role = roleFor(op.access);
        const refused: Mutation[] = [];
        let accepted = false;
        // Close the previous operation's check before this one runs, so what this one does is not blamed on it.
        if (pending.length) {
          check(await digest(world, corp.corpId), pending.join('; '));
          pending = [];
        }
        const sendAll = async (muts: Mutation[], prefix: string): Promise<Mutation[]> => {
          const ok: Mutation[] = [];
          for (const m of muts) {
            const headers: Record<string, string> = {};
            if (role) headers.cookie = corp.sessions[role].cookie;
            if (m.payload !== undefined) headers['content-type'] = m.contentType ?? 'application/json';
            const a = await send(world, rec, { label: `${prefix}${op.method} ${op.url} ${m.label} [${m.url.slice(0, 120)}]`, method: op.method, url: m.url, headers, payload: m.payload });
            if (a.status >= 400 && a.status < 500) refused.push(m);
            else ok.push(m);
          }
          return ok;
        };
        accepted = (await sendAll(mutationsOf(op, run, rng), '')).length > 0;
        const label = `${op.method} ${op.url} (${refused.length} refused, e.g. ${refused.slice(0, 3).map((m) => m.label).join(' | ')})`;
        if (accepted && !isWrite(op.method)) {
          // A read that answered may write by design (a store landing counts its visit, the webhook secret is made on
          // first read): re-baseline, then replay only the refused requests.
          before = await digest(world, corp.corpId);
          const replay = [...refused];
          refused.length = 0;
          if ((await sendAll(replay, 'replay ')).length > 0) before = await digest(world, corp.corpId);
          else check(await digest(world, corp.corpId), label);
          continue;
        }
        if (!accepted) {
          pending.push(label);
          continue;
        }
        // Some were accepted: let their work settle, then replay only the refused requests against a quiet world.
        await relogin(world, corp);
        before = await quietDigest(world, corp.corpId);
        const replay = [...refused];
        refused.length = 0;
        if ((await sendAll(replay, 'replay ')).length > 0) {
          before = await quietDigest(world, corp.corpId);
          continue;
        }
        check(await quietDigest(world, corp.corpId), label);
      }
    }
    if (pending.length) check(await digest(world, corp.corpId), pending.join('; '));
    console.log(`${rec.summary('fuzz', SEED)}, ${Math.round((Date.now() - started) / 1000)} s`);
    for (const f of rec.failures.slice(0, 80)) console.log(`[security] fuzz failure: ${f}`);
    expect(rec.requests).toBeGreaterThanOrEqual(5_000);
    expect(rec.failures.slice(0, 40), `${rec.summary('fuzz', SEED)} — rerun with SECURITY_FUZZ_SEED=${SEED}`).toEqual([]);
  }, 900_000);
});

// Extends segments/rule-property.test.ts (valid trees: SQL agrees with the evaluator) to arbitrary trees: any JSON is
// either refused with a 400 code or compiles to SQL that runs, directly and through the preview route.
describe('rule compiler on arbitrary trees (fast-check)', () => {
  const scalar = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom('\u0000', '\ud800', '%', "'", 'gte', 'any', 'count', 'name', 'tags', 'orders'));
  const KEYS = ['all', 'any', 'not', 'kind', 'op', 'value', 'field', 'measure', 'match', 'tagIds', 'segmentId', 'pipelineId', 'stageId', 'staffUserids', 'days', 'within', 'type', 'property', 'from', 'to', 'x'];
  const tree = fc.letrec<{ node: unknown }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      scalar,
      ruleArb,
      fc.array(tie('node'), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom(...KEYS), tie('node'), { maxKeys: 4 }),
    ),
  })).node;
  // A valid rule with one subtree replaced by anything: close to valid, so it reaches the deeper checks.
  const mutated = fc.tuple(ruleArb, tree, fc.nat()).map(([rule, junk, n]) => {
    const json = JSON.stringify(rule);
    const objects = [...json.matchAll(/\{"kind"/g)].map((m) => m.index);
    if (!objects.length) return junk;
    const at = objects[n % objects.length];
    let depth = 0;
    let end = at;
    for (; end < json.length; end++) {
      if (json[end] === '{') depth++;
      if (json[end] === '}' && --depth === 0) break;
    }
    return JSON.parse(`${json.slice(0, at)}${JSON.stringify(junk) ?? 'null'}${json.slice(end + 1)}`) as unknown;
  });
  const anyRule = fc.oneof(tree, mutated);
  const runs = 150 * RUNS;

  it('validates or refuses with a code; what validates compiles to SQL that runs in both shapes', async () => {
    await fc.assert(
      fc.asyncProperty(anyRule, async (input) => {
        let rule;
        try {
          rule = validateRuleShape(input);
        } catch (err) {
          if (err instanceof DomainError) return;
          throw err;
        }
        for (const mode of ['set', 'row'] as const) {
          await withCorp(world.app.ctx.db, world.a.corpId, async (tx) => {
            const match = compileRule(rule, { corpId: world.a.corpId, now: NOW, mode, segments: REFERENCED });
            await sql`SELECT count(*) FROM customers c WHERE c.corp_id = ${world.a.corpId} AND ${match}`.execute(tx);
          });
        }
      }),
      { seed: SEED, numRuns: runs },
    );
  }, 300_000);

  it('POST /api/segments/preview answers any tree with 200 or a 400 code', async () => {
    const rec = new Recorder();
    await fc.assert(
      fc.asyncProperty(anyRule, async (rule) => {
        const a = await send(world, rec, {
          label: `POST /api/segments/preview ${JSON.stringify(rule).slice(0, 300)}`,
          method: 'POST',
          url: '/api/segments/preview',
          headers: { cookie: world.a.sessions.admin.cookie, 'content-type': 'application/json' },
          payload: JSON.stringify({ rule }),
        });
        expect([200, 400], a.body).toContain(a.status);
      }),
      { seed: SEED, numRuns: runs },
    );
    expect(rec.failures).toEqual([]);
  }, 300_000);
});
