import './antd-react19';
import 'antd/dist/reset.css';
import './global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { preloadCurrentPage } from './layout/preload-current-page';

preloadCurrentPage(window.location.pathname);

const container = document.getElementById('root');
if (!container) throw new Error('#root element missing from index.html');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
