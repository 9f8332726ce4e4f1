// The customers port: the customer list, search and export, the profile and its timeline (routes and services for
// the composition), and who may see which customer.
export { createCustomerSearchService, type CustomerSearchService } from './customer-search.service';
export { registerCustomersRoutes } from './customers.routes';
export { createCustomersService, type CustomersService } from './customers.service';
export { visibleCustomerId } from './profile-access';
export { attributionSql } from './attribution-sql';
export { registerProfileRoutes } from './profile.routes';
export { createProfileService, type ProfileService } from './profile.service';
export { createCustomersModule } from './customers.module';
