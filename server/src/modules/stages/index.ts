// The stages port: the module (routes, rule runs, the customer-change reaction), the stage dwell reminders the
// profile scan sends, and moving customers between stages (the demo seed).
export { applyStageRules } from './apply-stage-rules.job';
export { createStagesModule, type StagesModule } from './stages.module';
export { dueDwellReminders, moveCustomers } from './stages.repo';
export { createStagesService, type StagesService } from './stages.service';
