// Runs the catalog as its own process (real PostgreSQL, RabbitMQ, Redis from the environment).
import { runStandalone } from '@techcorp/platform';
import { catalogService } from './service.ts';

await runStandalone(catalogService);
