/** item-hydrator: santos.buyability.status.change events with an itemId → `Item Hydrated`. */
import { ITEM_HYDRATION } from '../hydration/hydration-spec';
import { hydratorFromEnvironment } from '../hydration/hydrator-runtime';

export const handler = hydratorFromEnvironment(ITEM_HYDRATION);
