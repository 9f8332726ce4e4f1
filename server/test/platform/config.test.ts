import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';

describe('settings from the environment', () => {
  it('refuses a duration or limit of 0 or below, naming the setting, and keeps the defaults when unset', () => {
    for (const name of ['SESSION_TTL_HOURS', 'LOGIN_RATE_LIMIT', 'JOB_POLL_SECONDS', 'INBOX_LEASE_SECONDS', 'INBOX_SWEEP_SECONDS']) {
      expect(() => loadConfig({ [name]: '0' })).toThrow(`${name} must be greater than 0, got "0"`);
      expect(() => loadConfig({ [name]: '-1' })).toThrow(`${name} must be greater than 0`);
      expect(() => loadConfig({ [name]: 'soon' })).toThrow(`${name} must be a number`);
    }
    expect(loadConfig({ INBOX_SWEEP_SECONDS: '0.1', JOB_POLL_SECONDS: '0.5' })).toMatchObject({ inboxSweepSeconds: 0.1, jobPollSeconds: 0.5 });
    expect(loadConfig({})).toMatchObject({ sessionTtlHours: 168, loginRateLimit: 10, jobPollSeconds: 1, inboxLeaseSeconds: 120, inboxSweepSeconds: 5 });
  });
});
