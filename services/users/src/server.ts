// Runs users as its own process.
import { runStandalone } from '@techcorp/platform';
import { usersService } from './service.ts';

await runStandalone(usersService);
