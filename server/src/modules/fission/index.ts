// The fission port: the module for app.ts, and the growth demo for the demo sandbox.
export { createFissionModule } from './fission.module';
export { seedGrowthDemo } from './seed-growth-demo';
