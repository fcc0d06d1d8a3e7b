/**
 * The contract EventBridge uses to deliver to Lambda targets (see emulator/README.md): resolves
 * when the function succeeded, rejects when it failed, so the rule's retry policy and DLQ apply.
 */
export interface LambdaInvoker {
  invoke(functionArn: string, payloadJson: string): Promise<void>;
}
