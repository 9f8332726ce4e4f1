// Each module's error codes (its <term>.errors.ts) reach the one registry the error handler answers from, with the
// module's status and both texts, and no code is claimed by two modules.
import { describe, expect, it } from 'vitest';
import { messageOf, statusOf, type ErrorCode } from '../../src/http/errors';
import type { ErrorTable } from '../../src/http/error-table';
import { authErrors } from '../../src/modules/auth/auth.errors';
import { channelsErrors } from '../../src/modules/channels/channels.errors';
import { customersErrors } from '../../src/modules/customers/customers.errors';
import { eventsErrors } from '../../src/modules/events/events.errors';
import { fissionErrors } from '../../src/modules/fission/fission.errors';
import { groupCodesErrors } from '../../src/modules/group-codes/group-codes.errors';
import { identityErrors } from '../../src/modules/identity/identity.errors';
import { invitationsErrors } from '../../src/modules/invitations/invitations.errors';
import { leadsErrors } from '../../src/modules/leads/leads.errors';
import { membershipErrors } from '../../src/modules/membership/membership.errors';
import { segmentsErrors } from '../../src/modules/segments/segments.errors';
import { staffErrors } from '../../src/modules/staff/staff.errors';
import { stagesErrors } from '../../src/modules/stages/stages.errors';
import { storesErrors } from '../../src/modules/stores/stores.errors';
import { tagsErrors } from '../../src/modules/tags/tags.errors';
import { usersErrors } from '../../src/modules/users/users.errors';
import { wecomErrors } from '../../src/modules/wecom/wecom.errors';

const tables: Record<string, ErrorTable> = {
  auth: authErrors,
  channels: channelsErrors,
  customers: customersErrors,
  events: eventsErrors,
  fission: fissionErrors,
  'group-codes': groupCodesErrors,
  identity: identityErrors,
  invitations: invitationsErrors,
  leads: leadsErrors,
  membership: membershipErrors,
  segments: segmentsErrors,
  staff: staffErrors,
  stages: stagesErrors,
  stores: storesErrors,
  tags: tagsErrors,
  users: usersErrors,
  wecom: wecomErrors,
};

describe('error codes by module', () => {
  it("answers every module's code with that module's status and texts", () => {
    for (const table of Object.values(tables)) {
      for (const [code, text] of Object.entries(table)) {
        expect(statusOf(code as ErrorCode), code).toBe(text.status);
        expect(messageOf(code as ErrorCode, 'zh-CN'), code).toBe(text['zh-CN']);
        expect(messageOf(code as ErrorCode, 'en-US'), code).toBe(text['en-US']);
      }
    }
  });

  it('gives each code to one module only', () => {
    const owner = new Map<string, string>();
    for (const [module, table] of Object.entries(tables)) {
      for (const code of Object.keys(table)) {
        expect(owner.get(code), `${code} in ${owner.get(code)} and ${module}`).toBeUndefined();
        owner.set(code, module);
      }
    }
  });

  it('keeps the platform codes in the platform', () => {
    expect([statusOf('not_found'), statusOf('forbidden'), statusOf('unauthenticated'), statusOf('rate_limited')]).toEqual([404, 403, 401, 429]);
    expect(messageOf('invalid_request', 'en-US')).toBe('The request is invalid');
    expect(messageOf('insufficient_points', 'zh-CN')).toBe('积分不足');
  });
});
