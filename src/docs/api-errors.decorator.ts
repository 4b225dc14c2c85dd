import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorSchema } from './schemas';

const DESCRIPTIONS: Record<number, string> = {
  400: 'invalid input; `message` names each bad field',
  401: 'no or malformed Authorization: Bearer token',
  403: 'wrong admin token, or ADMIN_TOKEN unset',
  404: 'not found',
  409: 'conflict',
  413: 'body over the configured limit',
  415: 'Content-Type is not application/json',
  429: 'rate limited',
  503: 'the database is unavailable (Retry-After)',
};

/** Documents the error responses a route can give, all with the same `{ statusCode, error, message }` body. */
export const ApiErrors = (...codes: number[]) =>
  applyDecorators(...codes.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status], schema: ErrorSchema })));
