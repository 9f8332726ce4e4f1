import { useState } from 'react';
import { Button, Flex, Input, InputNumber, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { profileSettingsApi, type Level } from '../../api/profile-settings';
import { useT } from '../../i18n/use-t';
import { SaveError } from './save-error';
import { useSave } from './use-save';

const renumber = (rows: Level[]) => rows.map((r, i) => ({ ...r, level: i + 1 }));

/** Levels as an editable table: rows keep their order, numbers follow it (1..n). */
export function LevelsEditor({ value, canEdit, onSaved }: { value: Level[]; canEdit: boolean; onSaved: () => void }) {
  const t = useT();
  const [rows, setRows] = useState<Level[]>(value);
  const { saving, error, run } = useSave();
  const patch = (i: number, p: Partial<Level>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...p } : r)));
  const add = () =>
    setRows((rs) => renumber([...rs, { level: 0, name: `Lv${rs.length + 1}`, minGrowth: rs.length ? rs[rs.length - 1].minGrowth * 2 + 100 : 0 }]));
  const save = async () => {
    if (await run(() => profileSettingsApi.saveLevels(rows))) onSaved();
  };
  return (
    <Flex vertical gap={12} data-testid="levels-editor">
      <Typography.Text type="secondary">{t('profileSettings.levelsHint')}</Typography.Text>
      <Table<Level>
        size="small"
        rowKey="level"
        pagination={false}
        dataSource={rows}
        columns={[
          { key: 'level', title: t('profileSettings.level'), width: 80, render: (_, r) => `Lv${r.level}` },
          {
            key: 'name',
            title: t('profileSettings.levelName'),
            render: (_, r, i) => <Input value={r.name} maxLength={30} disabled={!canEdit} onChange={(e) => patch(i, { name: e.target.value })} />,
          },
          {
            key: 'minGrowth',
            title: t('profileSettings.minGrowth'),
            render: (_, r, i) => (
              <InputNumber value={r.minGrowth} min={0} precision={0} disabled={!canEdit} onChange={(v) => patch(i, { minGrowth: v ?? 0 })} data-testid={`level-growth-${r.level}`} />
            ),
          },
          {
            key: 'remove',
            width: 60,
            render: (_, _r, i) =>
              canEdit && rows.length > 1 ? (
                <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => setRows((rs) => renumber(rs.filter((_x, j) => j !== i)))} />
              ) : null,
          },
        ]}
      />
      <SaveError error={error} />
      {canEdit && (
        <Flex gap={8}>
          <Button icon={<PlusOutlined />} onClick={add} disabled={rows.length >= 50} data-testid="level-add">
            {t('profileSettings.addLevel')}
          </Button>
          <Button type="primary" loading={saving} onClick={() => void save()} data-testid="levels-save">
            {t('common.save')}
          </Button>
        </Flex>
      )}
    </Flex>
  );
}
