// Runs search as its own process.
import { runStandalone } from '@techcorp/platform';
import { searchService } from './service.ts';

await runStandalone(searchService);
