// The sop port: customer SOP flows and group SOP plans.
export { createGroupSopModule, type GroupSopModule } from './group-sop.module';
export { finishGroupSopItem, groupSopDueToday, type GroupSopItemKey, type GroupSopTodayItem } from './group-sop-today';
export { createSopModule, type SopModule, type SopModuleOptions } from './sop.module';
export { finishSopTask, openSopTasks, type OpenSopTask } from './staff-tasks';
export { seedDemoSop } from './seed-demo-sop';
