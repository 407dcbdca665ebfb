/**
 * The gateway's business codes (itboye `ByRetCode`, providers.md §1.3) mapped into the shared
 * ProviderError taxonomy. The provider code and the gateway's own `msg` are always kept.
 */
import type { HttpResponse } from '../http.js';
import { ProviderError, isProviderError, type ProviderErrorKind } from '../provider-error.js';

export const BY_CODES = {
  OK: '0',
  FAILED: '-1',
  MISSING_PARAM: '1001',
  NOT_FOUND: '1002',
  INVALID_PARAM: '1003',
  BUSINESS: '1004',
  NEED_UPGRADE: '1005',
  EXCEPTION: '1006',
  NO_PERMISSION: '1007',
  NEED_LOGIN: '1111',
  MAINTENANCE: '1112',
  DISABLED: '1113',
  DEPRECATED_VERSION: '9666',
} as const;

/** Which call failed: a refusal of the login call itself means the username or password is wrong. */
export type CallContext = 'login' | 'call';

interface Mapped {
  kind: ProviderErrorKind;
  retryable?: boolean;
  message: string;
}

const LOGIN_REFUSALS: readonly string[] = [BY_CODES.FAILED, BY_CODES.NOT_FOUND, BY_CODES.BUSINESS];

function describe(code: string, msg: string, context: CallContext): Mapped {
  const detail = `(code ${code}: ${msg || '无说明'})`;
  if (context === 'login' && LOGIN_REFUSALS.includes(code)) {
    return { kind: 'auth', message: `登录失败，请检查用户名和密码 login failed, check username and password ${detail}` };
  }
  switch (code) {
    case BY_CODES.NEED_LOGIN:
      return { kind: 'auth', message: `登录已过期，请重新登录 session expired ${detail}` };
    case BY_CODES.NO_PERMISSION:
      return { kind: 'auth', message: `签名无效或没有权限，请检查 client_id 和 client_secret (invalid signature or no permission) ${detail}` };
    case BY_CODES.DISABLED:
      return { kind: 'auth', message: `账号已被禁用 account disabled ${detail}` };
    case BY_CODES.MAINTENANCE:
      return { kind: 'bad_response', retryable: true, message: `网关维护中，请稍后再试 gateway under maintenance ${detail}` };
    case BY_CODES.EXCEPTION:
      return { kind: 'bad_response', retryable: true, message: `网关内部异常，请稍后再试 gateway exception ${detail}` };
    case BY_CODES.NEED_UPGRADE:
    case BY_CODES.DEPRECATED_VERSION:
      return { kind: 'unsupported', message: `网关不再支持此接口版本 API version not supported ${detail}` };
    default:
      return { kind: 'rejected', message: `网关拒绝了请求 request rejected ${detail}` };
  }
}

/** A non-zero envelope code as a ProviderError (providerCode = the code as text, raw = the body). */
export function businessError(code: string, msg: string, res: HttpResponse, context: CallContext): ProviderError {
  const mapped = describe(code, msg, context);
  return new ProviderError({
    kind: mapped.kind,
    provider: 'itboye',
    message: mapped.message,
    ...(mapped.retryable === undefined ? {} : { retryable: mapped.retryable }),
    providerCode: code,
    httpStatus: res.status,
    raw: res.text,
  });
}

/** True for the gateway's "need login" answer (1111), after which one re-login is worth trying. */
export function isSessionExpired(error: unknown): boolean {
  return isProviderError(error) && error.provider === 'itboye' && error.providerCode === BY_CODES.NEED_LOGIN;
}
