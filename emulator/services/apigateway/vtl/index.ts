/** The API Gateway VTL renderer: see `render-template.ts` for the contract. */
export { renderTemplate } from './render-template';
export type {
  RenderedContext,
  RenderedTemplate,
  RequestOverride,
  ResponseOverride,
  TemplateInput,
} from './render-template';
export {
  VtlError,
  VtlInvalidJsonError,
  VtlRenderError,
  VtlSyntaxError,
  UnsupportedJavaRegexError,
} from './errors';
