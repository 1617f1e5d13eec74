// mail.list over core/mail.ts.
import type { Handlers } from '../handlerTypes.js';
import { listMail } from '../../core/mail.js';

export const mailHandlers: Handlers = {
  'mail.list': ({ lab }, ctx) => listMail(ctx.scope.instance(lab)),
};
