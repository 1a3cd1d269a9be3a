// The agent API over fetch. The key travels only in the Authorization header: never in a URL, a cookie or a log.

const KEY_ITEM = 'chatrouter.console.key';

/** A refused or failed call: the HTTP status (0 when the server could not be reached) and the JSON body, if any. */
export class ApiError extends Error {
  constructor(status, body, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.body = body ?? {};
  }

  get reason() {
    return typeof this.body.reason === 'string' ? this.body.reason : null;
  }
}

export const session = {
  get key() {
    return sessionStorage.getItem(KEY_ITEM);
  },
  set key(value) {
    if (value) sessionStorage.setItem(KEY_ITEM, value);
    else sessionStorage.removeItem(KEY_ITEM);
  },
};

/** Called with the error when the server answers 401, so the console can return to sign-in. */
let onUnauthorized = () => {};
export function whenUnauthorized(callback) {
  onUnauthorized = callback;
}

export async function call(method, path, body, key = session.key, extraHeaders = {}) {
  const headers = { Accept: 'application/json', ...extraHeaders };
  if (key) headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    throw new ApiError(0, null, 'The server cannot be reached; retrying.');
  }

  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = { detail: text.slice(0, 300) };
    }
  }

  if (response.ok) return data;
  const error = new ApiError(response.status, data, describe(response.status, data));
  if (response.status === 401 && key === session.key) onUnauthorized(error);
  throw error;
}

function describe(status, data) {
  const detail = data && (data.message || data.detail || data.title || data.reason);
  switch (status) {
    case 401: return 'Your key was not accepted (401). Sign in again with a valid agent key.';
    case 403: return 'Your key\'s role may not do this (403). The console needs an agent or admin key.';
    case 404: return detail ? `Not found (404): ${detail}.` : 'Not found (404).';
    default: return detail ? `The server refused (${status}): ${detail}` : `The server answered ${status}.`;
  }
}

export const agentApi = {
  me: (key) => call('GET', '/api/me', undefined, key),
  handoffs: () => call('GET', '/api/handoffs'),
  claim: (id, takeover = false) => call('POST', `/api/handoffs/${encodeURIComponent(id)}/claim${takeover ? '?takeover=true' : ''}`, {}),
  release: (id, state) => call('POST', `/api/handoffs/${encodeURIComponent(id)}/release`, state ? { state } : {}),
  conversation: (id) => call('GET', `/api/conversations/${encodeURIComponent(id)}`),
  reply: (id, text, idempotencyKey) => call('POST', `/api/conversations/${encodeURIComponent(id)}/messages`, { text }, session.key, { 'Idempotency-Key': idempotencyKey }),
  note: (id, text) => call('POST', `/api/conversations/${encodeURIComponent(id)}/notes`, { text }),
};

export const reviewApi = {
  pending: (locale) => call('GET', `/api/review?status=pending&limit=50${locale ? `&locale=${encodeURIComponent(locale)}` : ''}`),
  label: (id, intent) => call('POST', `/api/review/${encodeURIComponent(id)}/label`, { intent }),
  skip: (id) => call('POST', `/api/review/${encodeURIComponent(id)}/label`, { skip: true }),
};
