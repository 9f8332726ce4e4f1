import { useState } from 'react';
import { App } from 'antd';
import { errorWithDetail } from '../../api/error-message';
import { useT } from '../../i18n/use-t';

/** Runs a save: shows "saved" on success, and keeps the server's error (message and detail) for the form to show. */
export function useSave() {
  const t = useT();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (save: () => Promise<string | void>): Promise<boolean> => {
    setSaving(true);
    setError(null);
    try {
      const text = await save();
      message.success(text || t('common.saved'));
      return true;
    } catch (err) {
      setError(errorWithDetail(err));
      return false;
    } finally {
      setSaving(false);
    }
  };
  return { saving, error, run, clearError: () => setError(null) };
}
