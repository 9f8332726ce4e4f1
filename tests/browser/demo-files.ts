// Which browser test files work on the lane's shared demo server (demo-server.setup.ts): those that call demoServer().
import fs from 'node:fs';

export const usesDemoServer = (file: string): boolean => fs.readFileSync(file, 'utf8').includes('demoServer(');
