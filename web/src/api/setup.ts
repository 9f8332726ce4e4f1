// First-run setup: is it needed, and creating the first corp and its admin. The shapes are the route's own.
import type { SetupCreated, SetupInput, SetupStatus } from '@siyu/contracts';
import { api } from './client';

export type { SetupInput } from '@siyu/contracts';

export const setupApi = {
  status: () => api.get<SetupStatus>('/api/setup'),
  create: (input: SetupInput) => api.post<SetupCreated>('/api/setup', input),
};
