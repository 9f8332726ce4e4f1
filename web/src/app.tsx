import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { RequireAuth } from './auth/require-auth';
import { SessionProvider } from './auth/session-provider';
import { FullPageSpin } from './components/full-page-spin';
import { LocaleProvider } from './i18n/locale-provider';
import { ConsoleLayout } from './layout/console.layout';
import { MODULES } from './layout/menu-registry';
import { ComingSoonPage } from './pages/coming-soon/coming-soon.page';
import { NotFoundPage } from './pages/coming-soon/not-found.page';

const SetupPage = lazy(() => import('./pages/setup/setup.page').then((m) => ({ default: m.SetupPage })));
const LoginPage = lazy(() => import('./pages/login/login.page').then((m) => ({ default: m.LoginPage })));
const ChangePasswordPage = lazy(() =>
  import('./pages/settings/change-password.page').then((m) => ({ default: m.ChangePasswordPage })),
);
const InvitePage = lazy(() => import('./pages/invite/invite.page').then((m) => ({ default: m.InvitePage })));
const SidebarPage = lazy(() => import('./sidebar/sidebar.page').then((m) => ({ default: m.SidebarPage })));

function ModuleRoutes() {
  return MODULES.map((entry) => {
    const element = entry.page ? <entry.page /> : <ComingSoonPage labelKey={entry.labelKey} />;
    if (entry.path === '/') return <Route key={entry.key} index element={element} />;
    // trailing /* lets a module own its sub-routes (list, detail, edit)
    return <Route key={entry.key} path={`${entry.path.slice(1)}/*`} element={element} />;
  });
}

export function App() {
  return (
    <LocaleProvider>
      <SessionProvider>
        <BrowserRouter>
          <Suspense fallback={<FullPageSpin />}>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route path="/setup" element={<SetupPage />} />
              <Route path="/invite/:token" element={<InvitePage />} />
              <Route path="/sidebar/*" element={<SidebarPage />} />
              <Route
                element={
                  <RequireAuth>
                    <ConsoleLayout />
                  </RequireAuth>
                }
              >
                {ModuleRoutes()}
                <Route path="settings/password" element={<ChangePasswordPage />} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </Suspense>
        </BrowserRouter>
      </SessionProvider>
    </LocaleProvider>
  );
}
