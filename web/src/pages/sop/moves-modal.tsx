// Saving a running flow with steps removed: where do the customers now at each removed step go — a kept step (by
// name) or out of the flow. Unchosen: the next kept step, the server's default.
import type { SopStep } from '@siyu/contracts';
import { Flex, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/use-t';
import { stepLabel } from './step-label';
import { StepPicker } from './step-picker';

export function MovesModal({
  removed,
  original,
  kept,
  onOk,
  onCancel,
}: {
  removed: string[];
  original: readonly SopStep[];
  kept: readonly SopStep[];
  onOk: (moves: Record<string, string>) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [moves, setMoves] = useState<Record<string, string>>({});
  return (
    <Modal open title={t('sop.moves.title')} onOk={() => onOk(moves)} onCancel={onCancel} okText={t('common.save')} data-testid="sop-moves">
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary">{t('sop.moves.help')}</Typography.Paragraph>
        {removed.map((id) => {
          const i = original.findIndex((s) => s.id === id);
          return (
            <Flex key={id} gap={8} align="center" justify="space-between">
              <Typography.Text delete>{stepLabel(original[i], i, t)}</Typography.Text>
              <StepPicker steps={kept} value={moves[id]} emptyLabel={t('sop.moves.default')} width={260}
                testId={`sop-move-${i}`}
                onChange={(to) => {
                  const next = { ...moves };
                  if (to) next[id] = to;
                  else delete next[id];
                  setMoves(next);
                }} />
            </Flex>
          );
        })}
      </Flex>
    </Modal>
  );
}
