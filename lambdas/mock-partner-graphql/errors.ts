/** Errors of the mock partner that become HTTP answers; each renders itself as an AppSync-shaped body. */
import { HydrantError } from '../shared/errors';

export class MockPartnerError extends HydrantError {
  constructor(
    readonly statusCode: number,
    readonly errorType: string,
    message: string,
  ) {
    super(message);
    this.name = 'MockPartnerError';
  }

  toBody(): { errors: { errorType: string; message: string }[] } {
    return { errors: [{ errorType: this.errorType, message: this.message }] };
  }
}

export class UnauthorizedError extends MockPartnerError {
  constructor(message = 'You are not authorized to make this call.') {
    super(401, 'UnauthorizedException', message);
    this.name = 'UnauthorizedError';
  }
}

export class BadRequestError extends MockPartnerError {
  constructor(message: string, errorType = 'BadRequestException') {
    super(400, errorType, message);
    this.name = 'BadRequestError';
  }
}

export class NotFoundRouteError extends MockPartnerError {
  constructor(method: string, path: string) {
    super(404, 'NotFoundException', `No route ${method} ${path}; use POST /graphql or POST /oauth/token`);
    this.name = 'NotFoundRouteError';
  }
}
