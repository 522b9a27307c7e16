// Runs the orders service as its own process.
import { runStandalone } from '@techcorp/platform';
import { ordersService } from './service.ts';

await runStandalone(ordersService);
