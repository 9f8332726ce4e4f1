// The stages port: the module (routes, rule runs, the customer-change reaction), the stage dwell reminders the
// profile scan sends (and marks sent), and the demo seed's pipeline, moves and their past (backdateStays).
export { applyStageRules } from './apply-stage-rules.job';
export { backdateStays, type PastStep } from './backdate-stays';
export { createStagesModule, type StagesModule } from './stages.module';
export { dueDwellReminders, insertPipelineWithStages, markDwellReminded, moveCustomers } from './stages.repo';
export { createStagesService, type StagesService } from './stages.service';
