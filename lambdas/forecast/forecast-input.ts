/**
 * What the forecast Lambda receives. Its rules' InputTransformers (lib/shop-services.ts) pass
 * only these fields of an `Order Hydrated` event — never buyer, recipient, address, email or
 * phone. An order too large to travel inline (`truncated`) arrives as the pointer to its hydrated
 * object, from which only the same three fields are read.
 */

/** A line item as forecasting sees it; the partner's other line fields are ignored. */
export interface ForecastLineItem {
  readonly itemId: string;
  /** Null when the partner's product has no SKU. */
  readonly sku: string | null;
  readonly quantity: number;
}

export interface InlineForecastInput {
  readonly orderId: string;
  /** The order's `createdAt`. */
  readonly orderDate: string;
  readonly lineItems: readonly ForecastLineItem[];
}

export interface TruncatedForecastInput {
  readonly orderId: string;
  readonly truncated: true;
  /** `hydrated/orders/…` key of the full order. */
  readonly hydratedObject: string;
}

export type ForecastInput = InlineForecastInput | TruncatedForecastInput;

/** InputPathsMap variables of the inline rule, by input field; the CDK construct uses these. */
export const INLINE_INPUT_PATHS = {
  orderId: '$.detail.orderId',
  orderDate: '$.detail.data.createdAt',
  lineItems: '$.detail.data.lineItems',
} as const satisfies Record<keyof InlineForecastInput, string>;

export const TRUNCATED_INPUT_PATHS = {
  orderId: '$.detail.orderId',
  hydratedObject: '$.detail.object.key',
} as const satisfies Record<Exclude<keyof TruncatedForecastInput, 'truncated'>, string>;
