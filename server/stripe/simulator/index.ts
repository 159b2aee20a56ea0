export { startStripeSimulator } from './simulator';
export type { Logger, StripeSimulator, StripeSimulatorOptions, WebhookControls, WebhookDelivery } from './types';
