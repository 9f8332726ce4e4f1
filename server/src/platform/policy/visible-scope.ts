// Which customers a caller sees, decided once: a staff member sees the customers they follow (a live follow of their
// WeCom userid), every other role sees all of the corp's. Queries take the returned userid as their staff filter.
import type { Role } from '@siyu/contracts';

export type Viewer = { role: Role; staffUserid: string | null };

/** A staff member with no WeCom userid linked follows nobody, so sees nobody. */
const NO_STAFF = '__no_staff__';

/** The staff userid whose follows bound what `viewer` sees, or null when the viewer sees the whole corp. */
export function ownScope(viewer: Viewer): string | null {
  return viewer.role === 'staff' ? (viewer.staffUserid ?? NO_STAFF) : null;
}
