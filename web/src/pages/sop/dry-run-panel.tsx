// The dry run: replays the last 30 days of facts against the flow (before it is activated, or any time) and shows
// how many would have entered and reached each step, and how many sends each staff member would have been asked
// for per day — a staff × day table shaded like a heatmap, its busiest cell named — with the server's notes.
import type { SopDryRun, SopFlow } from '@siyu/contracts';
import { Alert, App, Button, Descriptions, Flex, Table, Typography } from 'antd';
import { ExperimentOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { useT } from '../../i18n/use-t';
import { dryRunNoteText } from './server-texts';
import { sopApi } from './sop-api';
import { stepLabelById } from './step-label';

type LoadRow = { staffUserid: string; staffName: string; total: number; days: Record<string, number> };

function loadRows(run: SopDryRun): { days: string[]; rows: LoadRow[] } {
  const days = [...new Set(run.staffLoad.map((l) => l.day))].sort();
  const byStaff = new Map<string, LoadRow>();
  for (const l of run.staffLoad) {
    const row = byStaff.get(l.staffUserid) ?? { staffUserid: l.staffUserid, staffName: l.staffName, total: 0, days: {} };
    row.days[l.day] = (row.days[l.day] ?? 0) + l.sends;
    row.total += l.sends;
    byStaff.set(l.staffUserid, row);
  }
  return { days, rows: [...byStaff.values()].sort((a, b) => b.total - a.total) };
}

/** White to red by the share of the busiest staff-day. */
function shade(n: number, peak: number): string | undefined {
  if (!n || !peak) return undefined;
  const a = Math.min(1, n / peak);
  return `rgba(255, 77, 79, ${(0.12 + 0.7 * a).toFixed(2)})`;
}

export function DryRunPanel({ flow }: { flow: SopFlow }) {
  const t = useT();
  const { message } = App.useApp();
  const [run, setRun] = useState<SopDryRun | null>(null);
  const [busy, setBusy] = useState(false);
  const start = async () => {
    setBusy(true);
    try {
      setRun(await sopApi.dryRun(flow.id));
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const load = run ? loadRows(run) : null;
  const peak = run ? Math.max(run.peakPerStaffDay, ...run.staffLoad.map((l) => l.sends)) : 0;
  return (
    <Flex vertical gap={12} data-testid="sop-dry-run">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('sop.dryRun.help')}</Typography.Paragraph>
      <Button type="primary" icon={<ExperimentOutlined />} loading={busy} onClick={start} style={{ alignSelf: 'flex-start' }} data-testid="sop-dry-run-start">
        {t(run ? 'sop.dryRun.again' : 'sop.dryRun.start')}
      </Button>
      {run && load && (
        <>
          <Descriptions size="small" bordered column={4}>
            <Descriptions.Item label={t('sop.dryRun.days')}>{run.days}</Descriptions.Item>
            <Descriptions.Item label={t('sop.count.entered')}><span data-testid="sop-dry-run-entered">{run.entered}</span></Descriptions.Item>
            <Descriptions.Item label={t('sop.count.heldOut')}>{run.heldOut}</Descriptions.Item>
            <Descriptions.Item label={t('sop.dryRun.peak')}><span data-testid="sop-dry-run-peak">{run.peakPerStaffDay}</span></Descriptions.Item>
          </Descriptions>
          {run.notes.map((note, i) => <Alert key={i} type="info" showIcon message={dryRunNoteText(t, note)} data-testid="sop-dry-run-note" />)}
          <Table
            size="small"
            rowKey="stepId"
            pagination={false}
            dataSource={run.steps}
            data-testid="sop-dry-run-steps"
            columns={[
              { key: 'step', title: t('sop.stat.step'), render: (_: unknown, s) => stepLabelById(flow.steps, s.stepId, t) ?? t('sop.step.removedStep') },
              { key: 'reached', title: t('sop.dryRun.reached'), dataIndex: 'reached', align: 'right' },
            ]}
          />
          <Typography.Title level={5} style={{ margin: 0 }}>{t('sop.dryRun.load')}</Typography.Title>
          {load.rows.length === 0 ? (
            <Typography.Text type="secondary">{t('sop.dryRun.noLoad')}</Typography.Text>
          ) : (
            <Table<LoadRow>
              size="small"
              rowKey="staffUserid"
              pagination={false}
              scroll={{ x: true }}
              dataSource={load.rows}
              data-testid="sop-dry-run-load"
              columns={[
                { key: 'staff', title: t('sop.customers.staff'), dataIndex: 'staffName', fixed: 'left', width: 120, onCell: () => ({ style: { whiteSpace: 'nowrap' } }) },
                { key: 'total', title: t('sop.dryRun.total'), dataIndex: 'total', align: 'right' },
                ...load.days.map((day) => ({
                  key: day,
                  title: day.slice(5),
                  align: 'center' as const,
                  onCell: (r: LoadRow) => ({ style: { background: shade(r.days[day] ?? 0, peak) } }),
                  render: (_: unknown, r: LoadRow) => r.days[day] || '',
                })),
              ]}
            />
          )}
        </>
      )}
    </Flex>
  );
}
