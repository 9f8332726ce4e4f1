// Banners and short toasts on the phone: a failed action says why in a banner (kept until closed) while the rest of
// the sidebar keeps working; a successful one flashes a toast.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

type Notices = { banner(text: string): void; toast(text: string): void };
const Ctx = createContext<Notices>({ banner: () => {}, toast: () => {} });
export const useNotices = () => useContext(Ctx);

export function NoticeProvider({ children }: { children: ReactNode }) {
  const [banners, setBanners] = useState<string[]>([]);
  const [toastText, setToast] = useState<string | null>(null);
  const banner = useCallback((text: string) => setBanners((b) => (b.includes(text) ? b : [...b, text])), []);
  const toast = useCallback((text: string) => {
    setToast(text);
    setTimeout(() => setToast((cur) => (cur === text ? null : cur)), 1500);
  }, []);
  const value = useMemo(() => ({ banner, toast }), [banner, toast]);
  return (
    <Ctx.Provider value={value}>
      {banners.map((b) => (
        <div key={b} className="sb-banner" role="alert" data-testid="sb-banner">
          <span>{b}</span>
          <button type="button" aria-label="×" onClick={() => setBanners((all) => all.filter((x) => x !== b))}>
            ×
          </button>
        </div>
      ))}
      {children}
      {toastText && (
        <div className="sb-toast" data-testid="sb-toast">
          {toastText}
        </div>
      )}
    </Ctx.Provider>
  );
}
