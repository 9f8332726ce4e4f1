import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeError } from '../../src/logger';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { adminOf } from './platform-helpers';

// Finding 5 of issue 9: a failing PUT /api/wecom/connection logged the SQL's bound parameters (the app secret,
// callback token and EncodingAESKey). The log must say what failed without the secrets.
const lines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(chunk.toString());
    done();
  },
});

let app: TestApp;
let admin: { cookie: string };
beforeAll(async () => {
  app = await startTestApp({ logger: pino({ level: 'info' }, sink) });
  admin = await adminOf(app, 'log_corp');
});
afterAll(async () => app?.cleanup());

const secrets = {
  contactSecret: 'CONTACT-secret-d41d8cd98f00b204e98',
  appSecret: 'APP-secret-9e107d9d372bb6826bd81d',
  callbackToken: 'CallbackTok3n9e107d9d372bb',
  callbackAesKey: 'AesKey0123456789abcdefghijklmnopqrstuvwxyzA',
};

describe('secrets stay out of the log', () => {
  it('logs a database failure of PUT /api/wecom/connection without the secrets in its body', async () => {
    // A constraint the update cannot meet: the database refuses the row (and would print it in the error detail).
    await app.ctx.database.ownerSql(
      `alter table corps add constraint log_test_refuse check (app_secret is null or length(app_secret) < 5) not valid`,
    );
    try {
      const res = await app.app.inject({ method: 'PUT', url: '/api/wecom/connection', headers: { cookie: admin.cookie }, payload: { corpId: 'wwlogcorp', ...secrets } });
      expect(res.statusCode).toBe(500);
      expect(res.json().code).toBe('internal');
    } finally {
      await app.ctx.database.ownerSql(`alter table corps drop constraint log_test_refuse`);
    }
    const log = lines.join('');
    expect(log).toContain('request failed');
    expect(log).toContain('log_test_refuse');
    for (const [name, value] of Object.entries(secrets)) expect(log, name).not.toContain(value);
  });

  it('redacts known secret keys wherever they are logged', () => {
    const before = lines.length;
    app.ctx.logger.info({ password: 'hunter2-password', corp: { contactSecret: 'nested-secret-value' }, headers: { cookie: 'siyu_sid=abc123sid', authorization: 'Bearer sk_live_abcdef' } }, 'probe');
    const out = lines.slice(before).join('');
    expect(out).toContain('probe');
    for (const value of ['hunter2-password', 'nested-secret-value', 'abc123sid', 'sk_live_abcdef']) expect(out).not.toContain(value);
  });

  it('keeps the SQL and the constraint of a database error but not the values PostgreSQL quotes', () => {
    const err = Object.assign(new Error('duplicate key value violates unique constraint "users_email_key"'), {
      code: '23505',
      constraint: 'users_email_key',
      query: 'insert into users (email, password_hash) values ($1, $2)',
      params: ['boss@corp.test', 'hash-secret'],
      parameters: ['boss@corp.test'],
      detail: 'Key (email)=(boss@corp.test) already exists.',
      cause: Object.assign(new Error('inner'), { detail: 'Failing row contains (1, boss@corp.test, hash-secret).' }),
    });
    const out = JSON.stringify(serializeError(err));
    expect(out).toContain('users_email_key');
    expect(out).toContain('insert into users');
    expect(out).toContain('Key (email)=(…)');
    expect(out).not.toContain('boss@corp.test');
    expect(out).not.toContain('hash-secret');
  });
});
