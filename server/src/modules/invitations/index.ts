// The invitations port: its routes and service, for app.ts.
export { registerInvitationsRoutes } from './invitations.routes';
export { createInvitationsService, type InvitationsService } from './invitations.service';
export { createInvitationsModule } from './invitations.module';
