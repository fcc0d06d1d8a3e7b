/** Errors of the shop services' shared domain. */
import { HydrantError } from '../shared/errors';

export class ShopError extends HydrantError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ShopError';
  }
}

/**
 * An event that can never be processed as it is (missing or malformed fields). Handlers log and
 * skip it: retrying cannot help, and rules only deliver trusted sources.
 */
export class InvalidShopEventError extends ShopError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidShopEventError';
  }
}

/** Money that cannot be computed exactly (mixed currencies, non-integer minor units). */
export class MoneyError extends ShopError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MoneyError';
  }
}

/** A conditional write kept losing races; the event is retried by EventBridge. */
export class ConcurrentUpdateError extends ShopError {
  constructor(
    readonly key: string,
    readonly attempts: number,
  ) {
    super(
      `Gave up writing ${key} after ${attempts} conflicting concurrent updates; the event will be retried`,
    );
    this.name = 'ConcurrentUpdateError';
  }
}
