/** order-hydrator: ORDER_PLACED / ORDER_UPDATED / REFUND_SUCCESS events → `Order Hydrated`. */
import { ORDER_HYDRATION } from '../hydration/hydration-spec';
import { hydratorFromEnvironment } from '../hydration/hydrator-runtime';

export const handler = hydratorFromEnvironment(ORDER_HYDRATION);
