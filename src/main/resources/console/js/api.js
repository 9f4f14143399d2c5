// The one way the console talks to px0: the public JSON API with the signed-in person's bearer token.
// The token lives in sessionStorage (this tab only, gone when the tab closes), never in localStorage.

const KEY = 'px0.token';

export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body || {};
  }
}

export const session = {
  token() { return sessionStorage.getItem(KEY); },
  set(token) { sessionStorage.setItem(KEY, token); },
  clear() { sessionStorage.removeItem(KEY); session.user = null; },
  user: null,
};

let onUnauthorized = () => {};
/** What to do when px0 answers 401 to a signed-in request (the token is already gone by then). */
export function whenUnauthorized(fn) { onUnauthorized = fn; }

/** A readable sentence for any failure: px0's own error message, or what went wrong on the way. */
export function describe(error) {
  if (error instanceof ApiError) {
    const missing = Array.isArray(error.body.missing) && error.body.missing.length
      ? ': ' + error.body.missing.join(', ') : '';
    return error.message + missing + ' (' + error.status + ')';
  }
  return 'px0 could not be reached: ' + (error && error.message ? error.message : String(error));
}

/**
 * call('GET', '/v1/projects') → parsed JSON (or null for 204). Rejects with ApiError carrying px0's
 * {"error": "..."} message; a 401 on a signed-in request also signs the tab out.
 */
export async function call(method, path, body, {auth = true} = {}) {
  const headers = {Accept: 'application/json'};
  const token = session.token();
  if (auth && token) headers.Authorization = 'Bearer ' + token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer',
  });
  const text = await res.text();
  let json = null;
  if (text) {
    try { json = JSON.parse(text); } catch { json = null; }
  }
  if (!res.ok) {
    const message = json && typeof json.error === 'string' ? json.error : 'unexpected answer from px0';
    if (res.status === 401 && auth && token) {
      session.clear();
      onUnauthorized(message);
    }
    throw new ApiError(res.status, message, json);
  }
  return json;
}

export const enc = encodeURIComponent;
export const projectPath = slug => '/v1/projects/' + enc(slug);
export const promptPath = (slug, prompt) => projectPath(slug) + '/prompts/' + enc(prompt);
