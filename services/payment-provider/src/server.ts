// Runs the payment-provider sandbox on PORT (default 8099) at HOST (default 127.0.0.1); closes on SIGTERM/SIGINT.
import { createLogger } from '@techcorp/platform';
import { createProviderApp } from './provider-app.ts';

const delay = process.env.SANDBOX_TIMEOUT_TOKEN_DELAY_MS;
const app = createProviderApp({
  logger: createLogger('payment-provider'),
  timeoutTokenDelayMs: delay ? Number(delay) : undefined,
});
await app.listen({ port: Number(process.env.PORT ?? 8099), host: process.env.HOST ?? '127.0.0.1' });

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
