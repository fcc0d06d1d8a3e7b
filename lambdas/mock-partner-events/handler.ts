/**
 * The mock partner's event API as a Lambda proxy handler:
 * `POST /put-event/order?event-type=order_placed|order_updated|order_refund_success` and
 * `POST /put-event/buyability?event-type=buyability` publish a partner event to the bus, for the
 * `orderId` / `itemId` (and `identifierType`) given in the query string or a JSON body, or a new
 * id. Callers present the partner bearer token, like every call to the mock partner.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { BearerAuth } from '../mock-partner-graphql/bearer-auth';
import { BadRequestError, MockPartnerError } from '../mock-partner-graphql/errors';
import { bodyText, header, json } from '../mock-partner-graphql/proxy';
import { OperationalError } from '../shared/errors';
import type { EventPublisher } from '../shared/ports';
import {
  ORDER_EVENT_KINDS,
  buyabilityEvent,
  orderEvent,
  randomId,
  type OrderEventKind,
} from './partner-events';

export interface MockEventsOptions {
  readonly publisher: EventPublisher;
  readonly partnerSource: string;
  readonly auth: Pick<BearerAuth, 'verify'>;
  /** @default () => new Date() */
  readonly clock?: () => Date;
}

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function createMockEventsHandler(options: MockEventsOptions) {
  const clock = options.clock ?? (() => new Date());

  return async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    try {
      await options.auth.verify(header(event, 'authorization'));
      const params = { ...parseBody(bodyText(event)), ...(event.queryStringParameters ?? {}) };
      const eventType = params['event-type'];
      let busEvent;
      if (event.httpMethod === 'POST' && event.path.endsWith('/put-event/order')) {
        if (!(eventType && eventType in ORDER_EVENT_KINDS)) {
          throw new BadRequestError(`event-type must be one of ${Object.keys(ORDER_EVENT_KINDS).join(', ')}`);
        }
        const orderId = id(params.orderId, 'orderId') ?? randomId('ord');
        busEvent = orderEvent(options.partnerSource, eventType as OrderEventKind, orderId, clock());
      } else if (event.httpMethod === 'POST' && event.path.endsWith('/put-event/buyability')) {
        if (eventType !== 'buyability') throw new BadRequestError('event-type must be buyability');
        const itemId = id(params.itemId, 'itemId') ?? randomId('item');
        const identifierType = params.identifierType ?? 'itemId';
        busEvent = buyabilityEvent(options.partnerSource, itemId, identifierType, clock());
      } else {
        return json(404, {
          message: `No route ${event.httpMethod} ${event.path}; use POST /put-event/order or /put-event/buyability`,
        });
      }
      await options.publisher.publish([busEvent]);
      return json(200, {
        published: { source: busEvent.source, 'detail-type': busEvent.detailType, detail: busEvent.detail },
      });
    } catch (error) {
      if (error instanceof MockPartnerError) return json(error.statusCode, error.toBody());
      if (error instanceof OperationalError)
        return json(502, { message: `The event was not published: ${error.message}` });
      throw error;
    }
  };
}

function id(value: string | undefined, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!SAFE_ID.test(value)) throw new BadRequestError(`${name} must be 1-128 of A-Z a-z 0-9 . _ : -`);
  return value;
}

function parseBody(text: string): Record<string, string> {
  if (text.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new BadRequestError('The body must be empty or a JSON object such as {"orderId": "ord-123"}');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequestError('The body must be a JSON object');
  }
  return Object.fromEntries(
    Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}
