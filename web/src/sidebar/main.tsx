// Entry of the sidebar's own bundle (/sidebar): React alone and the sidebar's small CSS, none of the console.
import { createRoot } from 'react-dom/client';
import './sidebar.css';
import { SidebarApp } from './sidebar-app';
import { lang } from './sidebar-i18n';

// the bench reads the marks of the first screen's steps: the bundle evaluated, the JS-SDK registered, the chat known
performance.mark('sidebar-bundle-run');
document.documentElement.lang = lang;
createRoot(document.getElementById('root')!).render(<SidebarApp />);
