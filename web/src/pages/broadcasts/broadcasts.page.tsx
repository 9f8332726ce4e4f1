// 群发: the list of mass messages, the create wizard (/broadcasts/new) and one broadcast's page (/broadcasts/:id).
import { Route, Routes } from 'react-router-dom';
import { BroadcastDetailView } from './broadcast-detail';
import { BroadcastList } from './broadcast-list';
import { BroadcastWizard } from './broadcast-wizard';

export function BroadcastsPage() {
  return (
    <Routes>
      <Route index element={<BroadcastList />} />
      <Route path="new" element={<BroadcastWizard />} />
      <Route path=":id" element={<BroadcastDetailView />} />
    </Routes>
  );
}
