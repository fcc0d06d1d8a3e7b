/** Errors of the partner boundary: partner data hydrant cannot turn into its normalized form. */
import { HydrantError } from '../errors';

/**
 * The partner's answer has a value hydrant cannot represent exactly (an unknown currency, an
 * amount beyond the exact integer range, a time that is not epoch milliseconds). Permanent: the
 * same answer fails the same way; fix the partner data, then redrive or replay.
 */
export class PartnerMappingError extends HydrantError {
  constructor(
    readonly path: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${path}: ${message}`, options);
    this.name = 'PartnerMappingError';
  }
}
