// Runs auth as its own process.
import { runStandalone } from '@techcorp/platform';
import { authService } from './service.ts';

await runStandalone(authService);
