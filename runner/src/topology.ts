// The whole platform in one place (DESIGN.md "Services and ports"): what runs, on which port, in start order.
import { authService } from '@techcorp/auth';
import { cartService } from '@techcorp/cart';
import { catalogService } from '@techcorp/catalog';
import { inventoryService } from '@techcorp/inventory';
import { orderQueryService } from '@techcorp/order-query';
import { ordersService } from '@techcorp/orders';
import { paymentsService } from '@techcorp/payments';
import type { ServiceModule } from '@techcorp/platform';
import { searchService } from '@techcorp/search';
import { usersService } from '@techcorp/users';

/**
 * | service   | port | schema    | talks to                                  |
 * | auth      | 8085 | auth      | Redis (sessions), bus (user.registered)   |
 * | users     | 8086 | users     | bus (user.registered), Redis (cache)      |
 * | search    | 8089 | search    | bus (product.updated), catalog (reindex), Redis (query cache) |
 * | cart      | 8088 | carts     | Redis (carts), catalog, inventory, bus (order.created) |
 * | catalog   | 8087 | products  | bus (product.updated out, inventory.stock_changed in) |
 * | inventory | 8083 | inventory | bus (reserve/confirm/release), Redis      |
 * | payments  | 8082 | payments  | bus (process/refund), payment provider    |
 * | orders    | 8081 | orders    | bus (saga), catalog (prices)              |
 * | order-query | 8084 | order_query | bus (order.* events), Redis (query cache), orders (replay feed) |
 * | payment-provider sandbox | 8099 | — | stands in for the external provider |
 * | gateway   | 8080 | —         | every service above over HTTP, Redis (rate limits); started last |
 */
export const SERVICES: readonly ServiceModule[] = [
  authService,
  usersService,
  catalogService,
  searchService,
  inventoryService,
  cartService,
  paymentsService,
  ordersService,
  orderQueryService,
];
