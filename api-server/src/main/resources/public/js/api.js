// The access token lives in this module's memory only: never in localStorage, sessionStorage or a readable
// cookie. The refresh token is in an HttpOnly cookie that scripts cannot read; a reload restores the session
// through it.
let accessToken = null;
let onSessionLost = () => {};

// Required by the server on the cookie routes: a cross-site page cannot send it without CORS, which is never granted.
const UI_HEADER = { 'X-OpenLuffy-UI': '1' };

/** An API failure, carrying the server's own words (its `detail`). */
export class ApiError extends Error {
  constructor(status, detail, retryAfter) {
    super(detail);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

async function send(method, path, body, headers) {
  const init = { method, headers: { ...headers }, credentials: 'same-origin' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'The server cannot be reached. Check the connection and try again.');
  }
  if (response.status === 204) {
    return null;
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    // not JSON, e.g. a proxy's error page: the status line below says what happened
  }
  if (!response.ok) {
    const detail = typeof data?.detail === 'string' ? data.detail
      : `The server answered ${response.status} ${response.statusText}.`;
    throw new ApiError(response.status, detail, response.headers.get('Retry-After'));
  }
  return data;
}

function bearer() {
  return accessToken ? { Authorization: `Bearer ${accessToken}` } : {};
}

function keep(answer) {
  accessToken = answer ? answer.access_token : null;
  return accessToken !== null;
}

export const session = {
  /** True when the cookie still names a live session. */
  restore: async () => keep(await send('POST', '/v1/auth/session/refresh', undefined, UI_HEADER)),
  signIn: async (email, password) => keep(await send('POST', '/v1/auth/session/login', { email, password }, UI_HEADER)),
  createFirstAdmin: async (user) => keep(await send('POST', '/v1/auth/session/bootstrap', user, UI_HEADER)),
  bootstrapAvailable: async () => (await send('GET', '/v1/auth/bootstrap')).available,
  async signOut() {
    const headers = { ...UI_HEADER, ...bearer() };
    accessToken = null;
    await send('POST', '/v1/auth/session/logout', undefined, headers);
  },
  whenLost(callback) {
    onSessionLost = callback;
  },
};

/** Calls the API as the signed-in user; an expired access token is renewed once through the cookie. */
export async function api(method, path, body) {
  try {
    return await send(method, path, body, bearer());
  } catch (e) {
    if (e.status !== 401 || accessToken === null) {
      throw e;
    }
    if (!(await session.restore().catch(() => false))) {
      onSessionLost();
      throw e;
    }
    return send(method, path, body, bearer());
  }
}
