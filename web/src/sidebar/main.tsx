// Entry of the sidebar's own bundle (/sidebar): React alone and the sidebar's small CSS, none of the console.
import { createRoot } from 'react-dom/client';
import './sidebar.css';
import { SidebarApp } from './sidebar-app';
import { lang } from './sidebar-i18n';

document.documentElement.lang = lang;
createRoot(document.getElementById('root')!).render(<SidebarApp />);
