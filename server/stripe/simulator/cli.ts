import { startStripeSimulator } from './index';

/** `tsx server/stripe/simulator/cli.ts`: the simulator on its own, for development. */
const port = Number(process.env.STRIPE_SIM_PORT ?? 12111);
const webhookUrl =
  process.env.STRIPE_SIM_WEBHOOK_URL ?? `http://127.0.0.1:${process.env.PORT ?? '3006'}/api/webhooks/stripe`;
const logger = {
  info: (obj: object, msg?: string) => console.log(`[stripe-simulator] ${msg ?? ''}`, JSON.stringify(obj)),
  warn: (obj: object, msg?: string) => console.warn(`[stripe-simulator] ${msg ?? ''}`, JSON.stringify(obj)),
};

const simulator = await startStripeSimulator({
  port,
  webhookUrl,
  webhookSecret: process.env.STRIPE_WEBHOOK_SECRET ?? 'whsec_billing_service_local_dev_secret',
  persistPath: process.env.STRIPE_SIM_STATE || undefined,
  logger,
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'stopping');
    void simulator.stop().then(() => process.exit(0));
  });
}
