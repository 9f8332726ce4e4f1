// One phone-masking rule for every role and every place a phone is shown.
import { describe, expect, it } from 'vitest';
import { maskPhone, maskedPhone } from '../../src/platform/policy/mask-phone';
import { ownScope } from '../../src/platform/policy/visible-scope';

const analyst = { role: 'analyst', staffUserid: null } as const;

describe('maskPhone', () => {
  it('shows 3 + 4 characters of a mobile number to a role without customers.phone', () => {
    expect(maskPhone('13800001234', analyst)).toBe('138****1234');
    expect(maskPhone('+8613800001234', analyst)).toBe('+86****1234');
  });

  it('hides a number shorter than 11 characters entirely, so at least 4 characters are always hidden', () => {
    expect(maskedPhone('1234567')).toBe('****');
    expect(maskedPhone('0101234567')).toBe('****');
    expect(maskedPhone('12')).toBe('****');
  });

  it('shows numbers whole to admin, operator and staff, and leaves empty values alone', () => {
    for (const role of ['admin', 'operator', 'staff'] as const) expect(maskPhone('13800001234', { role, staffUserid: 'u' })).toBe('13800001234');
    expect(maskPhone(null, analyst)).toBeNull();
    expect(maskPhone('', analyst)).toBe('');
    expect(maskPhone(42, analyst)).toBe(42);
  });
});

describe('ownScope', () => {
  it('bounds a staff member by their own userid and nobody else', () => {
    expect(ownScope({ role: 'staff', staffUserid: 'zhang' })).toBe('zhang');
    expect(ownScope({ role: 'staff', staffUserid: null })).toBe('__no_staff__');
    for (const role of ['admin', 'operator', 'analyst'] as const) expect(ownScope({ role, staffUserid: 'zhang' })).toBeNull();
  });
});
