// The users port: the corp's logins and roles (routes and service for app.ts), and adding a login to a corp.
export { addCorpUser } from './add-corp-user';
export { registerUsersRoutes } from './users.routes';
export { createUsersService, type UsersService } from './users.service';
export { createUsersModule } from './users.module';
