/** The request's media type as API Gateway matches it: no parameters, `application/json` when absent. */
import { header } from './api-request';

export function requestContentType(headers: Readonly<Record<string, string>>): string {
  const value = header(headers, 'content-type');
  if (!value || value.trim() === '') return 'application/json';
  return value.split(';')[0].trim().toLowerCase();
}
