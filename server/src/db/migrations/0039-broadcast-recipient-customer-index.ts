// The SOP contact budget finds a customer's mass messages through their tasks (broadcasts/contact-history.repo.ts), so
// the per-customer index on broadcast_recipients goes: a plan writes every audience member in one statement, and this
// index, in customer-id order (random against the insert's task order), was ~5 s of a million-recipient plan.
export const broadcastRecipientCustomerIndex = `
DROP INDEX IF EXISTS broadcast_recipients_customer;
`;
