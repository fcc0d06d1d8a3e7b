/** The partner boundary: partner answers in, hydrant's normalized order and item out. */
export { PartnerMappingError } from './errors';
export { currencyExponent } from './currency-exponents';
export { toMinorUnits, toMoney, type Money } from './money';
export { toIsoTime } from './time';
export { mapOrder, type NormalizedOrder, type NormalizedLine, type NormalizedTotals } from './order';
export { deriveOrderStatus, ORDER_STATUSES, type OrderStatus } from './order-status';
export { mapItem, type NormalizedItem } from './item';
export type { NormalizedPayment, NormalizedRefund, PaymentOutcome } from './payment';
