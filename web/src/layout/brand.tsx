import { useT } from '../i18n/use-t';

export function Brand({ collapsed }: { collapsed: boolean }) {
  const t = useT();
  return (
    <div
      data-testid="brand"
      style={{
        height: 64,
        display: 'flex',
        alignItems: 'center',
        justifyContent: collapsed ? 'center' : 'flex-start',
        gap: 10,
        padding: collapsed ? 0 : '0 20px',
        color: '#fff',
        fontSize: 18,
        fontWeight: 600,
        whiteSpace: 'nowrap',
        overflow: 'hidden',
      }}
    >
      <span
        aria-hidden
        style={{
          width: 32,
          height: 32,
          flex: '0 0 32px',
          borderRadius: 8,
          background: 'linear-gradient(135deg, #1677ff, #07c160)',
          display: 'inline-flex',
          alignItems: 'center',
          justifyContent: 'center',
          fontSize: 17,
        }}
      >
        私
      </span>
      {!collapsed && <span>{t('app.brand')}</span>}
    </div>
  );
}
