// Starts loading the customer pages' code while the console is still asking who is signed in, when the address is a
// customer list or profile: a profile opened from a link or a reload then waits for one answer, not for the sign-in
// check, then the page's code, then its data. The lazy route imports the same module, so this only moves it earlier.
export function preloadCurrentPage(pathname: string): void {
  if (/^\/customers(\/|$)/.test(pathname)) void import('../pages/customers/customers.page').catch(() => undefined);
}
