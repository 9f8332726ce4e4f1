// The scripts port: the module for app.ts, and the library as one staff member sees and uses it (the sidebar).
export { createScriptsModule } from './scripts.module';
export { recordScriptUse, scriptById, scriptsForStaff, type StaffScript } from './staff-scripts';
