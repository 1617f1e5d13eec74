// The one error class of a failed API call, rebuilt from whatever data crossed a transport: known codes kept,
// anything else E_UNKNOWN, missing texts filled, hostile input cut down to size without a throw. And the
// time budgets both transports apply, defined once per method.
import { describe, expect, it } from 'vitest';
import { ApiCallError, MAX_ERROR_FIX_CHARS, MAX_ERROR_MESSAGE_CHARS, callTimeoutError, hasErrorCode, normalizeApiError, rebuildApiError } from '../../common/apiError.js';
import { CALL_BUDGETS_MS, callBudgetMs } from '../../common/callBudgets.js';
import { methods, type MethodName } from '../../common/contract.js';

describe('rebuildApiError', () => {
  it('keeps a known code, the message and the fix, as a real Error of one class', () => {
    const err = rebuildApiError({ code: 'E_NOT_RUNNING', message: 'The lab "x" is not running.', fix: 'Start it.' });
    expect(err).toBeInstanceOf(ApiCallError);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ name: 'ApiCallError', code: 'E_NOT_RUNNING', message: 'The lab "x" is not running.', fix: 'Start it.' });
    expect(hasErrorCode(err, 'E_NOT_RUNNING')).toBe(true);
    expect(hasErrorCode(err, 'E_NO_LAB')).toBe(false);
    expect(hasErrorCode({ code: 'E_NOT_RUNNING' }, 'E_NOT_RUNNING')).toBe(false); // data is not an error until rebuilt
  });

  it('maps a code outside the union to E_UNKNOWN and keeps the message', () => {
    expect(rebuildApiError({ code: 'E_NO_NODE', message: 'gone' })).toMatchObject({ code: 'E_UNKNOWN', message: 'gone' });
    expect(rebuildApiError({ code: 'e_not_running', message: 'case matters' }).code).toBe('E_UNKNOWN');
  });

  it('fills missing fields: no code, no message, no fix, an empty fix', () => {
    const bare = rebuildApiError({});
    expect(bare.code).toBe('E_UNKNOWN');
    expect(bare.message).toBe('The call failed without saying why.');
    expect(bare.fix).toBeUndefined();
    expect('fix' in rebuildApiError({ code: 'E_NO_LAB', message: 'm', fix: '' })).toBe(false);
    expect(rebuildApiError({ code: 'E_NO_LAB' })).toMatchObject({ code: 'E_NO_LAB', message: 'The call failed without saying why.' });
  });

  it('survives hostile input: non-string fields, huge texts, non-objects, throwing proxies, inherited fields', () => {
    const wrongTypes = rebuildApiError({ code: 42, message: { toString: () => 'x' }, fix: ['a'] });
    expect(wrongTypes).toMatchObject({ code: 'E_UNKNOWN', message: 'The call failed without saying why.' });
    expect(wrongTypes.fix).toBeUndefined();
    expect(rebuildApiError({ code: { valueOf: () => 'E_NO_LAB' }, message: 'm' }).code).toBe('E_UNKNOWN');

    const huge = rebuildApiError({ code: 'E_INTERNAL', message: 'x'.repeat(5_000_000), fix: 'y'.repeat(100_000) });
    expect(huge.code).toBe('E_INTERNAL');
    expect(huge.message).toHaveLength(MAX_ERROR_MESSAGE_CHARS);
    expect(huge.message.endsWith('…')).toBe(true);
    expect(huge.fix).toHaveLength(MAX_ERROR_FIX_CHARS);

    for (const odd of [null, undefined, 0, 17, true, Symbol('s'), () => 1, [], ['E_NO_LAB']]) {
      const err = rebuildApiError(odd);
      expect(err.code, typeof odd).toBe('E_UNKNOWN');
      expect(err.message.length).toBeGreaterThan(0);
    }
    expect(rebuildApiError('plain text').message).toBe('plain text');
    expect(rebuildApiError('z'.repeat(10_000)).message).toHaveLength(MAX_ERROR_MESSAGE_CHARS);

    const trap = new Proxy(
      {},
      {
        getOwnPropertyDescriptor: () => {
          throw new Error('trap');
        },
        get: () => {
          throw new Error('trap');
        },
      },
    );
    expect(rebuildApiError(trap)).toMatchObject({ code: 'E_UNKNOWN' });

    // Only the object's own data counts: no getters run, nothing picked up from a prototype.
    let getterRan = false;
    const withGetter = Object.defineProperty({}, 'message', {
      get: () => {
        getterRan = true;
        return 'from a getter';
      },
      enumerable: true,
    });
    expect(rebuildApiError(withGetter).message).toBe('The call failed without saying why.');
    expect(getterRan).toBe(false);
    const inherited = Object.create({ code: 'E_NO_LAB', message: 'from the prototype' }) as object;
    expect(rebuildApiError(inherited)).toMatchObject({ code: 'E_UNKNOWN', message: 'The call failed without saying why.' });
  });

  it('passes an ApiCallError through as it is, and normalizes data to the same shape every time', () => {
    const err = new ApiCallError({ code: 'E_NO_LAB', message: 'm' });
    expect(rebuildApiError(err)).toBe(err);
    const once = normalizeApiError({ code: 'E_WHAT', message: 'm', fix: 'f', extra: 'dropped' });
    expect(once).toEqual({ code: 'E_UNKNOWN', message: 'm', fix: 'f' });
    expect(normalizeApiError(once)).toEqual(once);
  });

  it('words a timeout the same for every transport', () => {
    expect(callTimeoutError('lab.up', 600_000)).toMatchObject({ code: 'E_TIMEOUT', message: 'lab.up got no answer within 600 s.' });
  });
});

describe('call budgets', () => {
  it('gives every method of the contract a budget, and nothing else', () => {
    expect(Object.keys(CALL_BUDGETS_MS).sort()).toEqual(Object.keys(methods).sort());
    for (const [method, ms] of Object.entries(CALL_BUDGETS_MS)) {
      expect(Number.isInteger(ms) && ms >= 10_000, method).toBe(true);
      expect(ms, method).toBeLessThanOrEqual(60 * 60_000);
    }
  });

  it('lets long operations run longer than quick reads', () => {
    const quick: MethodName[] = ['files.read', 'terminal.input', 'terminal.ack', 'labs.list'];
    const long: MethodName[] = ['lab.up', 'lab.reset', 'lab.startFrom', 'image.build', 'checks.run'];
    const slowestQuick = Math.max(...quick.map(callBudgetMs));
    for (const m of long) expect(callBudgetMs(m), m).toBeGreaterThanOrEqual(5 * slowestQuick);
    expect(callBudgetMs('image.build')).toBeGreaterThan(callBudgetMs('lab.up'));
  });

  it('has a bounded budget even for a name outside the contract', () => {
    expect(callBudgetMs('no.such' as MethodName)).toBe(30_000);
    expect(callBudgetMs('toString' as MethodName)).toBe(30_000);
  });
});
