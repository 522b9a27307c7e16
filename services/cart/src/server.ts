// Runs the cart service as its own process.
import { runStandalone } from '@techcorp/platform';
import { cartService } from './service.ts';

await runStandalone(cartService);
