// The auth port: login, sessions and setup for app.ts; password hashing, e-mail normalising and the session cookie
// for invitations; the first-corp setup for the demo seed.
export { registerAuthRoutes } from './auth.routes';
export { createAuthService, type AuthService } from './auth.service';
export { countUsers, createCorpWithAdmin } from './auth.repo';
export { normaliseEmail } from './login-limiter';
export { hashPassword } from './password';
export { setSessionCookie } from './session-cookie';
export { createAuthModule } from './auth.module';
