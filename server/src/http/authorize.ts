/** The loop token of a REST request, checked the same way by every route of a loop. */
import type { Request, Response } from 'express';
import type { Role } from '@mockloop/shared/loop/state';
import type { LoopService } from '../loops/loop-service';
import { sendError } from './send-error';

/** Resolves a request's bearer token to a role on the loop of its path, or replies 401/404. */
export type Authorize = (req: Request<{ id: string }>, res: Response) => Promise<Role | null>;

export function loopAuthorizer(service: LoopService): Authorize {
  return async (req, res) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer ([A-Za-z0-9_-]{10,100})$/.exec(header);
    if (!match) {
      sendError(res, 'unauthorized', 'send the loop token as "Authorization: Bearer <token>"');
      return null;
    }
    const role = await service.authenticate(req.params.id, match[1]!);
    // The same reply for a wrong token and a missing loop: no way to probe for loop ids.
    if (!role) sendError(res, 'not-found', 'no loop with that id for this token');
    else res.locals.role = role;
    return role;
  };
}
