// `npm run demo:load`: loads the demo catalog into a running platform (embedded or on real infrastructure).
import { serviceUrl } from '@techcorp/platform';
import { loadDemoData } from './demo-loader.ts';

const adminToken = process.env.ADMIN_API_TOKEN;
if (!adminToken) {
  console.error('demo:load needs ADMIN_API_TOKEN (the same token the catalog and inventory services run with)');
  process.exit(2);
}
await loadDemoData({ catalogUrl: serviceUrl('catalog'), inventoryUrl: serviceUrl('inventory'), adminToken });
