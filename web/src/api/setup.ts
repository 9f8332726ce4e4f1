import { api } from './client';

export interface SetupInput {
  corpName: string;
  email: string;
  name: string;
  password: string;
}

export const setupApi = {
  status: () => api.get<{ needsSetup: boolean }>('/api/setup'),
  create: (input: SetupInput) => api.post<{ corpId: string }>('/api/setup', input),
};
