// The sidebar's React part, imported by boot.ts once the first screen is decided: it hydrates the customer's first
// screen when the server rendered it into #root, else renders from what the boot chain knows (or will know).
import { createRoot, hydrateRoot } from 'react-dom/client';
import { boot, corp, reactStarts, signIn } from './boot';
import { SidebarApp } from './sidebar-app';
import { rememberZone } from './sidebar-i18n';

// the bench reads the marks of the first screen's steps: the React part evaluated, the first screen hydrated
performance.mark('sidebar-bundle-run');
const root = document.getElementById('root')!;
const settled = boot.settled;
if (settled?.kind === 'customer' && settled.shown) {
  hydrateRoot(root, <SidebarApp start={settled} corp={corp} signIn={signIn} />, {
    onRecoverableError: (err) => console.warn('sidebar: the first screen was rendered again in the browser', err),
  });
} else {
  reactStarts();
  createRoot(root).render(<SidebarApp start={settled} later={boot.result} corp={corp} signIn={signIn} />);
}
rememberZone();
