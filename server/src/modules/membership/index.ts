// The membership port: points, levels and RFM. Routes and service for the composition; for other modules the
// events' points, levels and RFM of a customer, RFM recomputation after orders or merges, points expiry, and the
// demo seed's earn rule.
export { applyEventPoints, levelsOf, type PointsEvent } from './apply-event-points';
export { registerMembershipRoutes } from './membership.routes';
export { createMembershipService, membershipSettings, type MembershipService, type PointsRuleInput } from './membership.service';
export { expirePoints, membershipOf } from './points.repo';
export { grantPointsMany } from './grant-points-many';
export { insertPointsRuleIfMissing } from './points-rules.repo';
export { AT_RISK_CLASSES, recomputeRfm, rfmOf, type RfmClass, type RfmSettings } from './rfm.repo';
export { createMembershipModule } from './membership.module';
