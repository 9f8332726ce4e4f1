// First-run setup: is it needed, and creating the first corp and its admin. Answers are the routes' own shapes.
import type { SetupCreated, SetupStatus } from '@siyu/contracts';
import { api } from './client';

export interface SetupInput {
  corpName: string;
  email: string;
  name: string;
  password: string;
}

export const setupApi = {
  status: () => api.get<SetupStatus>('/api/setup'),
  create: (input: SetupInput) => api.post<SetupCreated>('/api/setup', input),
};
