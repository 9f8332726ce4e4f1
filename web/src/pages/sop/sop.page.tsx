// 客户SOP: the flows (/sop), a new or edited flow (/sop/new, /sop/:id/edit), one flow's stats, customers and dry run
// (/sop/:id), the signed-in staff member's SOP tasks (/sop/tasks) and the contact budget (/sop/settings).
import { Route, Routes } from 'react-router-dom';
import { FlowDetail } from './flow-detail';
import { FlowEditor } from './flow-editor';
import { FlowList } from './flow-list';
import { SettingsForm } from './settings-form';
import { TasksList } from './tasks-list';

export function SopPage() {
  return (
    <Routes>
      <Route index element={<FlowList />} />
      <Route path="tasks" element={<TasksList />} />
      <Route path="settings" element={<SettingsForm />} />
      <Route path="new" element={<FlowEditor />} />
      <Route path=":id" element={<FlowDetail />} />
      <Route path=":id/edit" element={<FlowEditor />} />
    </Routes>
  );
}
