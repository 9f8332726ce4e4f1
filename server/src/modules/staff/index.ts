// The staff port: its routes and service, for app.ts.
export { registerStaffRoutes } from './staff.routes';
export { createStaffService, type StaffService } from './staff.service';
export { createStaffModule } from './staff.module';
