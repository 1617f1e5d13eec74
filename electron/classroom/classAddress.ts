// The address a class listens on and the name its links carry. Bound to a wildcard (every interface), the
// server has no address of its own a learner could type, so the name must be given (--url-host); bound to
// one address, the links name that address unless another name is given.
import { isIP } from 'node:net';
import { UserError } from '../util/errors.js';

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]', '0:0:0:0:0:0:0:0']);
/** A DNS name (labels of letters, digits and "-") or an IP address: what goes between "https://" and ":port". */
const HOST_NAME = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

export const isWildcardAddress = (bind: string): boolean => WILDCARDS.has(bind);

/** The name or address the class's links carry; throws a UserError (E_USAGE) for a wildcard bind without one. */
export function linkHostOf(bind: string, urlHost?: string): string {
  if (urlHost !== undefined) {
    const name = urlHost.replace(/^\[(.*)\]$/, '$1');
    if (!(isIP(name) || HOST_NAME.test(name)) || isWildcardAddress(name))
      throw new UserError(`--url-host ${JSON.stringify(urlHost)} is not a host name or address learners can open.`, {
        fix: 'Give the name or address learners type in their browser, without scheme or port, e.g. --url-host 192.168.1.10 or --url-host lab.example.org.',
        code: 'E_USAGE',
      });
    return name;
  }
  if (isWildcardAddress(bind))
    throw new UserError(`--bind ${bind} listens on every address, so the links cannot name one: --url-host NAME must say which name learners open.`, {
      fix: `Add --url-host NAME: the name or address learners type to reach this server (e.g. --bind ${bind} --url-host 192.168.1.10).`,
      code: 'E_USAGE',
    });
  return bind;
}
