/**
 * The contract EventBridge uses to deliver to Lambda targets (see emulator/README.md): resolves
 * when the function succeeded, rejects when it failed, so the rule's retry policy and DLQ apply.
 * Defined by the events service; the Lambda runtime implements it.
 */
export type { LambdaInvoker } from '../events/target-delivery';
