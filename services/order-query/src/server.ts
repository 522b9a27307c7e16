// Runs order-query as its own process.
import { runStandalone } from '@techcorp/platform';
import { orderQueryService } from './service.ts';

await runStandalone(orderQueryService);
