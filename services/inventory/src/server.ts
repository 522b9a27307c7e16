// Runs inventory as its own process.
import { runStandalone } from '@techcorp/platform';
import { inventoryService } from './service.ts';

await runStandalone(inventoryService);
