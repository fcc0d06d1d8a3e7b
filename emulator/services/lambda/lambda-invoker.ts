/**
 * The contract EventBridge uses to deliver to Lambda targets (see emulator/README.md): an
 * asynchronous invocation that resolves once Lambda accepted the event and rejects only when the
 * invocation cannot be made (missing function, throttled), which is when the rule's retry policy
 * and DLQ apply. Defined by the events service; the Lambda runtime implements it.
 */
export type { LambdaInvoker } from '../events/target-delivery';
