/**
 * Judges a 2xx GraphQL answer for one root field (`order` or `item`): HTTP 200 is not success by
 * itself. Returns the root object and whether it is complete, or throws the classified failure.
 */
import { PartnerGraphQLError, PartnerNotFoundError, PartnerResponseError } from './errors';
import type { PartnerGraphQLErrorEntry, PartnerResponse } from './ports';

export interface CheckedResponse {
  readonly root: Record<string, unknown>;
  /** False when the partner answered data together with errors. */
  readonly complete: boolean;
}

const TRANSIENT_TYPE =
  /throttl|rate ?exceeded|too ?many|limit ?exceeded|timeout|unavailable|internal|dependency/i;
const NOT_FOUND_TYPE = /^(MappingTemplate|NotFound|NotFoundException|ResourceNotFoundException)$/;

export function checkResponse(response: PartnerResponse, rootField: string, id: string): CheckedResponse {
  const errors = response.errors ?? [];
  if (response.data === undefined && errors.length === 0) {
    throw new PartnerResponseError(`The partner's answer has neither data nor errors for ${rootField} ${id}`);
  }
  const root = response.data?.[rootField];
  if (root === null || root === undefined) throw rootMissing(errors, rootField, id);
  if (typeof root !== 'object' || Array.isArray(root) || (root as { id?: unknown }).id !== id) {
    throw new PartnerResponseError(
      `The partner's ${rootField} does not match the operation (expected an object with id ${id})`,
    );
  }
  return { root: root as Record<string, unknown>, complete: errors.length === 0 };
}

function rootMissing(errors: readonly PartnerGraphQLErrorEntry[], rootField: string, id: string): Error {
  const summary = errors.map((e) => `${e.errorType ?? 'error'}: ${e.message}`).join('; ');
  const types = errors.map((e) => e.errorType ?? '');
  if (errors.some((e) => TRANSIENT_TYPE.test(e.errorType ?? ''))) {
    return new PartnerGraphQLError(
      types,
      `The partner could not answer ${rootField} ${id} now (${summary})`,
      true,
    );
  }
  if (errors.every((e) => NOT_FOUND_TYPE.test(e.errorType ?? ''))) {
    return new PartnerNotFoundError(
      `The partner does not know ${rootField} ${id} (yet)${summary ? ` (${summary})` : ''}`,
    );
  }
  return new PartnerGraphQLError(
    types,
    `The partner rejected the ${rootField} query for ${id} (${summary})`,
    false,
  );
}
