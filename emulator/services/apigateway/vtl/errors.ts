/**
 * Errors of the VTL renderer. API Gateway answers a template that fails to render with
 * 500 "Internal server error" (logged as "Unable to transform request"); the runtime decides the
 * response, the renderer only says what went wrong.
 */
export class VtlError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'VtlError';
  }
}

/** The template text is not valid Velocity. */
export class VtlSyntaxError extends VtlError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'VtlSyntaxError';
  }
}

/** A `$input`/`$util` call or a Java method failed while rendering (bad JSON, bad regex, bad index). */
export class VtlRenderError extends VtlError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'VtlRenderError';
  }
}

/** `$input.json`/`$input.path` on a body that is not JSON. */
export class VtlInvalidJsonError extends VtlRenderError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'VtlInvalidJsonError';
  }
}

/** A Java regex construct the renderer cannot translate to a JavaScript RegExp. */
export class UnsupportedJavaRegexError extends VtlRenderError {
  constructor(
    readonly pattern: string,
    construct: string,
  ) {
    super(`Java regex ${JSON.stringify(pattern)} uses ${construct}, which the emulator does not support`);
    this.name = 'UnsupportedJavaRegexError';
  }
}
