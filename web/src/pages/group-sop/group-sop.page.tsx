// 群SOP: the list of plans, the editor (/group-sop/new, /group-sop/:id/edit) and one plan with its results per group.
import { Route, Routes } from 'react-router-dom';
import { PlanDetail } from './plan-detail';
import { PlanEditor } from './plan-editor';
import { PlanList } from './plan-list';

export function GroupSopPage() {
  return (
    <Routes>
      <Route index element={<PlanList />} />
      <Route path="new" element={<PlanEditor />} />
      <Route path=":id/edit" element={<PlanEditor />} />
      <Route path=":id" element={<PlanDetail />} />
    </Routes>
  );
}
