/**
 * The API Gateway mapping-template renderer: Velocity (velocityjs) with API Gateway's `$input`,
 * `$util`, `$context` and `$stageVariables`, and Java semantics for string methods. Pure: no I/O,
 * no clock; everything a template can see comes in through `TemplateInput`.
 *
 *   renderTemplate(template: string, input: TemplateInput): RenderedTemplate
 *
 *   input.body            raw payload: the request body (request templates) or the integration's
 *                         response body (integration response templates)
 *   input.headers         method request headers (`$input.params('Name')` is case-insensitive)
 *   input.queryString     query string parameters
 *   input.pathParams      path parameters
 *   input.stageVariables  `$stageVariables`
 *   input.context         `$context` values: requestId, extendedRequestId, requestTimeEpoch (ms),
 *                         requestTime, identity.{sourceIp,userAgent}, stage, resourcePath,
 *                         httpMethod, … (passed through as given; never mutated)
 *
 *   result.output                       the rendered text
 *   result.context                      `$context` after rendering, including
 *     .responseOverride.status          number, when the template set it
 *     .responseOverride.header          headers the template set
 *     .requestOverride.{header,querystring,path}
 *
 * Throws `VtlSyntaxError` for a template that does not parse and `VtlRenderError` (or a subclass)
 * when a call fails; API Gateway answers both with 500.
 */
import velocity from 'velocityjs';
import { VtlError, VtlRenderError, VtlSyntaxError } from './errors';
import { createInput } from './input';
import { JavaVelocityCompile } from './java-compile';
import { javaStringMethodHandlers } from './java-methods';
import { createUtil } from './util';

export interface TemplateInput {
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly queryString?: Readonly<Record<string, string>>;
  readonly pathParams?: Readonly<Record<string, string>>;
  readonly stageVariables?: Readonly<Record<string, string>>;
  readonly context?: Readonly<Record<string, unknown>>;
}

export interface ResponseOverride {
  readonly status?: number;
  readonly header: Readonly<Record<string, string>>;
}

export interface RequestOverride {
  readonly header: Readonly<Record<string, string>>;
  readonly querystring: Readonly<Record<string, string>>;
  readonly path: Readonly<Record<string, string>>;
}

export interface RenderedContext extends Record<string, unknown> {
  readonly responseOverride: ResponseOverride;
  readonly requestOverride: RequestOverride;
}

export interface RenderedTemplate {
  readonly output: string;
  readonly context: RenderedContext;
}

type Ast = ReturnType<typeof velocity.parse>;
const astCache = new Map<string, Ast>();

function parseTemplate(template: string): Ast {
  const hit = astCache.get(template);
  if (hit) return hit;
  let ast: Ast;
  try {
    ast = velocity.parse(template);
  } catch (cause) {
    throw new VtlSyntaxError(`The mapping template does not parse: ${(cause as Error).message}`, { cause });
  }
  if (astCache.size > 200) astCache.clear();
  astCache.set(template, ast);
  return ast;
}

export function renderTemplate(template: string, input: TemplateInput): RenderedTemplate {
  const ast = parseTemplate(template);
  const context: Record<string, unknown> = structuredClone({ ...(input.context ?? {}) });
  context.responseOverride = { header: {} };
  context.requestOverride = { header: {}, querystring: {}, path: {} };

  const variables = {
    input: createInput({
      body: input.body,
      headers: input.headers ?? {},
      queryString: input.queryString ?? {},
      pathParams: input.pathParams ?? {},
    }),
    util: createUtil(),
    context,
    stageVariables: { ...(input.stageVariables ?? {}) },
  };

  let output: string;
  try {
    output = new JavaVelocityCompile(ast, { customMethodHandlers: javaStringMethodHandlers }).render(
      variables,
    );
  } catch (cause) {
    if (cause instanceof VtlError) throw cause;
    throw new VtlRenderError(`The mapping template failed: ${(cause as Error).message}`, { cause });
  }
  return { output, context: normalizeContext(context) };
}

// PARITY: values render as JavaScript prints them: a JSON 1.0 read with $input.path renders `1`
// where the JVM prints `1.0`, and `#set` from a null reference clears the variable instead of
// leaving its previous value. Templates that build JSON from $input.json / strings are unaffected.
function normalizeContext(context: Record<string, unknown>): RenderedContext {
  const response = (context.responseOverride ?? {}) as { status?: unknown; header?: Record<string, unknown> };
  const request = (context.requestOverride ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const status =
    response.status === undefined || response.status === '' ? undefined : Number(response.status);
  if (status !== undefined && (!Number.isInteger(status) || status < 100 || status > 599)) {
    throw new VtlRenderError(
      `$context.responseOverride.status must be an HTTP status (got ${String(response.status)})`,
    );
  }
  return {
    ...context,
    responseOverride: { ...(status === undefined ? {} : { status }), header: strings(response.header) },
    requestOverride: {
      header: strings(request.header),
      querystring: strings(request.querystring),
      path: strings(request.path),
    },
  };
}

function strings(map: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(map ?? {}).map(([k, v]) => [k, String(v)]));
}
