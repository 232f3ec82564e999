/** REST errors: one JSON body for every refusal, with the HTTP status of its code. */
import type { Response } from 'express';
import type { ErrorCode } from '@mockloop/shared/errors';

const STATUS: Record<ErrorCode, number> = {
  'bad-request': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  'rate-limited': 429,
  'limit-reached': 429,
  'storage-full': 507,
  'protocol-mismatch': 400,
  internal: 500,
};

export function sendError(res: Response, code: ErrorCode, message: string): void {
  res.status(STATUS[code]).json({ error: { code, message } });
}
