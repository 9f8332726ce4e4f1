import { useState } from 'react';
import { Button, Drawer, Space } from 'antd';
import type { Rule } from '../../api/segments';
import { segmentsApi } from '../../api/segments';
import { useRequest } from '../../api/use-request';
import { useT } from '../../i18n/use-t';
import { RuleEditor } from '../segments/rule-editor';

/** Edits the list's rule filter with the segment rule editor; applies on demand. */
export function CustomerFilterDrawer({ rule, onApply, onClose }: { rule: Rule | null; onApply: (rule: Rule | null) => void; onClose: () => void }) {
  const t = useT();
  const [draft, setDraft] = useState<Rule>(rule ?? { all: [] });
  const { data } = useRequest((signal) => segmentsApi.list(signal), []);
  const refs = (data?.items ?? []).map((s) => ({ value: s.id, label: s.name }));
  return (
    <Drawer
      open
      width={880}
      title={t('customers.filterTitle')}
      onClose={onClose}
      data-testid="customers-filter-drawer"
      extra={
        <Space>
          <Button onClick={() => onApply(null)}>{t('customers.filterClear')}</Button>
          <Button type="primary" onClick={() => onApply(draft)} data-testid="customers-filter-apply">
            {t('customers.filterApply')}
          </Button>
        </Space>
      }
    >
      <RuleEditor rule={draft} onChange={setDraft} segments={refs} />
    </Drawer>
  );
}
