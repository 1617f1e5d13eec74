// One error model: a UserError carries a typed code and an optional fix, and any code that is not one of
// the API's own becomes E_UNKNOWN on the way into the UI, never a string the UI cannot match.
import { describe, expect, it } from 'vitest';
import { rebuildApiError } from '../../common/apiError.js';
import { ERROR_CODES, isErrorCode } from '../../common/errorCodes.js';
import { PackError, UserError } from '../../electron/util/errors.js';
import { toApiError } from '../../electron/api/dispatch.js';
import { errorInfo } from '../../renderer/util/errors.js';

describe('the error model', () => {
  it('gives a UserError a code and a fix by name, E_USER when none fits', () => {
    expect(new UserError('Docker is not running.', { fix: 'Start it.', code: 'E_DOCKER_UNREACHABLE' })).toMatchObject({ code: 'E_DOCKER_UNREACHABLE', fix: 'Start it.' });
    expect(new UserError('Something is off.')).toMatchObject({ code: 'E_USER', fix: undefined });
    expect(new PackError([{ file: 'lab.yaml', line: 3, column: 1, message: 'bad' }])).toMatchObject({ code: 'E_PACK', message: 'lab.yaml:3:1: bad' });
  });

  it('knows its codes, and only those', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    expect(isErrorCode('E_NO_SUCH_NODE')).toBe(true);
    expect(isErrorCode('E_NO_NODE')).toBe(false);
    expect(isErrorCode(42)).toBe(false);
  });

  it('crosses to the UI in one shape: code, message and fix', () => {
    const api = toApiError(new UserError('No lab named "x".', { fix: 'Known labs: vrrp-pair.', code: 'E_NO_LAB' }), 'lab.up');
    expect(api).toEqual({ code: 'E_NO_LAB', message: 'No lab named "x".', fix: 'Known labs: vrrp-pair.' });
    expect(errorInfo(rebuildApiError(api))).toEqual({ code: 'E_NO_LAB', message: 'No lab named "x".', fix: 'Known labs: vrrp-pair.' });
    expect(errorInfo(rebuildApiError({ code: 'E_SOMETHING_ELSE', message: 'odd' }))).toEqual({ code: 'E_UNKNOWN', message: 'odd' });
  });
});
