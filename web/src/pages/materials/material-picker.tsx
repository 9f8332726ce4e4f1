// <MaterialPicker>: picks materials from the library for anything that sends them (broadcasts, moments, welcome
// messages, the sidebar). Controlled: `value` is the picked ids in order, `onChange` gets the new list.
//   <MaterialPicker value={ids} onChange={setIds} kinds={['image', 'video', 'link']} max={9} />
import type { MaterialKind, MaterialSummary } from '@siyu/contracts';
import { App, Button, Checkbox, Flex, Input, List, Modal, Segmented, Typography } from 'antd';
import { CloseOutlined, FolderOpenOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useRequest } from '../../api/use-request';
import { LoadError } from '../../components/load-error';
import { useT } from '../../i18n/use-t';
import { MaterialCard } from './material-card';
import { materialsApi } from './materials-api';

export type MaterialPickerProps = {
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** The kinds offered; default every kind but text scripts. */
  kinds?: readonly MaterialKind[];
  /** Default 9 (WeCom's attachment limit). */
  max?: number;
  disabled?: boolean;
  /** data-testid prefix, default "material-picker". */
  testId?: string;
};

const ATTACHABLE: readonly MaterialKind[] = ['image', 'poster', 'video', 'link', 'miniprogram', 'file'];

export function MaterialPicker({ value = [], onChange, kinds = ATTACHABLE, max = 9, disabled, testId = 'material-picker' }: MaterialPickerProps) {
  const t = useT();
  const [open, setOpen] = useState(false);
  // What the modal listed is shown at once; the request fills in ids picked elsewhere (a saved form being edited).
  const [listed, setListed] = useState<ReadonlyMap<string, MaterialSummary>>(new Map());
  const missing = value.filter((id) => !listed.has(id));
  const picked = useRequest((signal) => materialsApi.summaries(missing, signal), [missing.join(',')]);
  const byId = new Map([...(picked.data?.items ?? []).map((m) => [m.id, m] as const), ...listed]);
  return (
    <Flex vertical gap={8} data-testid={testId}>
      <LoadError error={picked.error} onRetry={picked.reload} />
      {value.length === 0 ? (
        <Typography.Text type="secondary">{t('materials.picker.empty')}</Typography.Text>
      ) : (
        value.map((id) => {
          const m = byId.get(id);
          return m ? (
            <MaterialCard
              key={id}
              m={m}
              extra={
                !disabled && (
                  <Button size="small" type="text" icon={<CloseOutlined />} aria-label="remove" onClick={() => onChange?.(value.filter((v) => v !== id))} />
                )
              }
            />
          ) : null;
        })
      )}
      <div>
        <Button icon={<FolderOpenOutlined />} onClick={() => setOpen(true)} disabled={disabled} data-testid={`${testId}-open`}>
          {t('materials.picker.open')}
        </Button>
      </div>
      {open && (
        <PickerModal
          initial={value}
          kinds={kinds}
          max={max}
          testId={testId}
          onCancel={() => setOpen(false)}
          onOk={(ids, seen) => {
            setOpen(false);
            setListed(new Map([...listed, ...seen.filter((m) => ids.includes(m.id)).map((m) => [m.id, m] as const)]));
            onChange?.(ids);
          }}
        />
      )}
    </Flex>
  );
}

function PickerModal(props: {
  initial: string[];
  kinds: readonly MaterialKind[];
  max: number;
  testId: string;
  onCancel: () => void;
  onOk: (ids: string[], seen: MaterialSummary[]) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [selected, setSelected] = useState<string[]>(props.initial);
  const [kind, setKind] = useState<MaterialKind | 'all'>(props.kinds.length === 1 ? props.kinds[0] : 'all');
  const [q, setQ] = useState('');
  const [seen, setSeen] = useState<MaterialSummary[]>([]);
  const [page, setPage] = useState(1);
  const list = useRequest(
    (signal) => materialsApi.list({ kind: kind === 'all' ? undefined : kind, q: q || undefined, page, pageSize: 10 }, signal),
    [kind, q, page],
  );
  const items = (list.data?.items ?? []).filter((m) => props.kinds.includes(m.kind));
  const toggle = (m: MaterialSummary) => {
    if (selected.includes(m.id)) return setSelected(selected.filter((id) => id !== m.id));
    if (selected.length >= props.max) return void message.warning(t('materials.picker.limit', { max: props.max }));
    setSelected([...selected, m.id]);
    setSeen([...seen, m]);
  };
  return (
    <Modal
      open
      title={t('materials.picker.title')}
      onCancel={props.onCancel}
      onOk={() => props.onOk(selected, seen)}
      width={640}
      okButtonProps={{ id: `${props.testId}-ok` }}
    >
      <Flex vertical gap={12} data-testid={`${props.testId}-modal`}>
        {props.kinds.length > 1 && (
          <Segmented
            value={kind}
            onChange={(v) => {
              setKind(v as MaterialKind | 'all');
              setPage(1);
            }}
            options={[{ value: 'all', label: t('materials.kind.all') }, ...props.kinds.map((k) => ({ value: k, label: t(`materials.kind.${k}`) }))]}
          />
        )}
        <Input.Search allowClear placeholder={t('materials.search')} onSearch={(v) => (setQ(v.trim()), setPage(1))} />
        <List
          loading={list.loading}
          dataSource={items}
          pagination={{ current: page, pageSize: 10, total: list.data?.total ?? 0, onChange: setPage, size: 'small' }}
          renderItem={(m) => (
            <List.Item onClick={() => toggle(m)} style={{ cursor: 'pointer' }} data-testid={`${props.testId}-item`}>
              <Checkbox checked={selected.includes(m.id)} style={{ marginRight: 8 }} />
              <div style={{ flex: 1, minWidth: 0 }}>
                <MaterialCard m={m} />
              </div>
            </List.Item>
          )}
        />
        <Typography.Text type="secondary">{t('materials.picker.selected', { n: selected.length, max: props.max })}</Typography.Text>
      </Flex>
    </Modal>
  );
}
