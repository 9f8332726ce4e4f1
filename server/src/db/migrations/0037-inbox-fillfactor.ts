// The inbox worker's claim rewrites each claimed row (its lease and attempt count) while the rows are still packed as
// they were inserted: with no room on the page, every claim wrote a new row version elsewhere and a new entry in each
// of the table's indexes (24 ms for a claim of 200 in the spine drain). Half-full pages let the claim update in place
// (a HOT update: neither column is indexed); the "processed" mark still moves the row out of the pending index.
// Applies to pages written from now on: the inbox turns over continuously.
export const inboxFillfactor = `
ALTER TABLE wecom_inbox SET (fillfactor = 50);
`;
