/**
 * The mock partner's fault control: `GET|PUT|DELETE /admin/faults`, behind the same partner bearer
 * token as `/graphql` (whoever may call the mock may make it fail; the mock is only deployed with
 * `hydrant:mockPartner=true`). PUT stores a fault document (see `runtime-faults.ts`) that replaces
 * the deployment's faults; DELETE clears it (back to the deployment's faults, per-id counts
 * restart); GET shows the stored document and the faults in effect.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { BadRequestError, NotFoundRouteError } from './errors';
import { effectiveConfig } from './fault-gate';
import type { FaultStore } from './fault-store';
import type { FaultConfig } from './faults';
import { bodyText, json } from './proxy';
import { parseRuntimeFaults, type StoredFaults } from './runtime-faults';

export const ADMIN_FAULTS_PATH = '/admin/faults';

export function isAdminRoute(event: APIGatewayProxyEvent): boolean {
  return event.path.endsWith(ADMIN_FAULTS_PATH);
}

export async function adminRoute(
  event: APIGatewayProxyEvent,
  store: FaultStore,
  deployed: FaultConfig,
): Promise<APIGatewayProxyResult> {
  switch (event.httpMethod) {
    case 'GET':
      return json(200, view(await store.read(), deployed));
    case 'PUT': {
      let body: unknown;
      try {
        body = JSON.parse(bodyText(event) || 'null');
      } catch {
        throw new BadRequestError('The body must be JSON');
      }
      return json(200, view(await store.write(parseRuntimeFaults(body)), deployed));
    }
    case 'DELETE':
      return json(200, view(await store.write(undefined), deployed));
    default:
      throw new NotFoundRouteError(event.httpMethod, event.path);
  }
}

function view(stored: StoredFaults | undefined, deployed: FaultConfig) {
  return {
    source: stored?.faults ? 'runtime' : 'deployment',
    stored: stored?.faults ?? null,
    generation: stored?.generation ?? null,
    updatedAt: stored?.updatedAt ?? null,
    effective: { ...effectiveConfig(deployed, stored), ids: stored?.faults?.ids ?? {} },
  };
}
