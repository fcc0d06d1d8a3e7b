/** Errors raised while loading a cloud assembly and deploying its template locally. */
export class DeployError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DeployError';
  }
}

/** `cdk.out` is missing, unreadable or holds no stack. */
export class AssemblyError extends DeployError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AssemblyError';
  }
}

/** An intrinsic function is malformed or refers to something the template does not define. */
export class IntrinsicError extends DeployError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'IntrinsicError';
  }
}

/** Creating one resource failed; names the logical id and type so the template can be fixed. */
export class ResourceCreationError extends DeployError {
  constructor(
    readonly logicalId: string,
    readonly resourceType: string,
    options?: ErrorOptions,
  ) {
    const reason = options?.cause instanceof Error ? `: ${options.cause.message}` : '';
    super(`Creating ${logicalId} (${resourceType}) failed${reason}`, options);
    this.name = 'ResourceCreationError';
  }
}
