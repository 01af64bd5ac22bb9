export { barPath } from './bar-path.ts';
export { crosses, slipped, stopTriggered } from './crossing.ts';
export { nextSessionEndNs } from './session.ts';
export { SimulatedVenue } from './simulated-venue.ts';
export type { FeeModel, FillModelConfig, LimitRule, VenueConfig } from './venue-config.ts';
export * from './venue-types.ts';
