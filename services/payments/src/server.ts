// Runs payments as its own process (port 8082 unless PORT says otherwise).
import { runStandalone } from '@techcorp/platform';
import { paymentsService } from './service.ts';

await runStandalone(paymentsService);
