import { useEffect, useState } from 'react';
import { Alert, Button, Drawer, Flex, Popconfirm, Space, Statistic, Typography, message } from 'antd';
import { ApiError } from '../../api/client';
import { profilesApi } from '../../api/profiles';
import { segmentsApi, type Rule } from '../../api/segments';
import { useRequest } from '../../api/use-request';
import { useT } from '../../i18n/use-t';
import { RuleEditor } from '../segments/rule-editor';
import { ruleProblemOf, type RuleProblem } from '../segments/rule-problem';

const EMPTY: Rule = { all: [{ kind: 'orders', measure: 'count', op: 'gte', value: 1 }] };

/** Live count of customers matching the draft rule (the segments preview), debounced. */
function useMatching(rule: Rule) {
  const [state, setState] = useState<{ count: number | null; error: string | null; problem: RuleProblem | null }>({
    count: null,
    error: null,
    problem: null,
  });
  const key = JSON.stringify(rule);
  useEffect(() => {
    let stale = false;
    const timer = setTimeout(() => {
      segmentsApi
        .preview(rule)
        .then((p) => !stale && setState({ count: p.count, error: null, problem: null }))
        .catch(
          (err: unknown) =>
            !stale &&
            setState({ count: null, error: err instanceof ApiError ? err.message : String(err), problem: ruleProblemOf(err) }),
        );
    }, 400);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [key]);
  return state;
}

/** Edits a stage's entry rule with the segments' visual rule editor; saving null clears it. */
export function StageRuleDrawer({
  stage,
  onClose,
  onSaved,
}: {
  stage: { id: string; name: string; rule: Rule | null };
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const [rule, setRule] = useState<Rule>(stage.rule ?? EMPTY);
  const [saving, setSaving] = useState(false);
  const matching = useMatching(rule);
  const { data: segments } = useRequest((signal) => segmentsApi.list(signal), []);
  const refs = (segments?.items ?? []).map((s) => ({ value: s.id, label: s.name }));
  const save = async (next: Rule | null) => {
    setSaving(true);
    try {
      await profilesApi.updateStage(stage.id, { rule: next });
      message.success(t(next ? 'stages.ruleSaved' : 'stages.ruleCleared'));
      onSaved();
    } catch (err) {
      message.error(err instanceof ApiError ? `${err.message}${err.detail ? `: ${err.detail}` : ''}` : String(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Drawer
      open
      width={880}
      title={t('stages.ruleTitle', { stage: stage.name })}
      onClose={onClose}
      data-testid="stages-rule-drawer"
      extra={
        <Space>
          {stage.rule && (
            <Popconfirm title={t('stages.clearRule')} onConfirm={() => void save(null)}>
              <Button danger loading={saving}>
                {t('stages.clearRule')}
              </Button>
            </Popconfirm>
          )}
          <Button type="primary" loading={saving} onClick={() => void save(rule)} data-testid="stages-rule-save">
            {t('stages.saveRule')}
          </Button>
        </Space>
      }
    >
      <Flex vertical gap={16}>
        <Alert type="info" showIcon message={t('stages.ruleHint')} />
        <Statistic title={t('stages.ruleMatching')} value={matching.count ?? '-'} />
        {matching.error && <Typography.Text type="danger">{matching.error}</Typography.Text>}
        <RuleEditor rule={rule} onChange={setRule} segments={refs} problem={matching.problem} />
      </Flex>
    </Drawer>
  );
}
