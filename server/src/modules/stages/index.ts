// The stages port: the module (routes, rule runs, the customer-change reaction), the stage dwell reminders the
// profile scan sends (and marks sent), and the demo seed's pipeline and moves.
export { applyStageRules } from './apply-stage-rules.job';
export { createStagesModule, type StagesModule } from './stages.module';
export { dueDwellReminders, insertPipelineWithStages, markDwellReminded, moveCustomers } from './stages.repo';
export { createStagesService, type StagesService } from './stages.service';
