/**
 * The EventBridge envelope as a rule delivers it to a Lambda, and the small logger the shop
 * handlers need (Powertools' Logger satisfies it). Kept here so domain code imports no `aws-lambda`.
 */
export interface BusEnvelope<D = unknown> {
  readonly id: string;
  readonly source: string;
  readonly 'detail-type': string;
  /** ISO 8601, when the event was put on the bus. */
  readonly time: string;
  readonly detail: D;
}

export interface ShopLogger {
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
}
