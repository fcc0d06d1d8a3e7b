/**
 * Step 2: route. Finds the resource and method for a path: literal segments win over `{param}`,
 * which wins over a greedy `{proxy+}`; a method falls back to `ANY`. No match is API Gateway's
 * 403 "Missing Authentication Token".
 */
import { missingAuthenticationToken } from '../errors';
import type { ApiResource, Method, RestApi } from '../rest-api';

export interface Route {
  readonly resource: ApiResource;
  readonly method: Method;
  readonly pathParams: Record<string, string>;
}

export function route(api: RestApi, path: string, httpMethod: string): Route {
  const segments = path.split('/').filter((s) => s !== '');
  const children = new Map<string, ApiResource[]>();
  for (const resource of api.resources.values()) {
    if (resource.parentId === undefined) continue;
    const list = children.get(resource.parentId) ?? [];
    list.push(resource);
    children.set(resource.parentId, list);
  }
  const rank = (r: ApiResource) => (r.pathPart.endsWith('+}') ? 2 : r.pathPart.startsWith('{') ? 1 : 0);
  const match = (resource: ApiResource, index: number, params: Record<string, string>): Route | undefined => {
    if (index === segments.length) {
      const method = resource.methods.get(httpMethod) ?? resource.methods.get('ANY');
      return method ? { resource, method, pathParams: params } : undefined;
    }
    const candidates = [...(children.get(resource.id) ?? [])].sort((a, b) => rank(a) - rank(b));
    for (const child of candidates) {
      const part = child.pathPart;
      if (part.endsWith('+}')) {
        const found = match(child, segments.length, {
          ...params,
          [part.slice(1, -2)]: segments.slice(index).join('/'),
        });
        if (found) return found;
      } else if (part.startsWith('{') && part.endsWith('}')) {
        const found = match(child, index + 1, { ...params, [part.slice(1, -1)]: segments[index] });
        if (found) return found;
      } else if (part === segments[index]) {
        const found = match(child, index + 1, params);
        if (found) return found;
      }
    }
    return undefined;
  };
  const found = match(api.resource(api.rootResourceId), 0, {});
  if (!found) throw missingAuthenticationToken();
  return found;
}
