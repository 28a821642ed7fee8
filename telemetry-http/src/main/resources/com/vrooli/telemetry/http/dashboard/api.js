// Talking to the API. The read token lives in sessionStorage (gone when the tab closes) and is sent
// as the Authorization header; it is never put in a URL.

const TOKEN_KEY = 'telemetry.readToken';

/** Thrown when the server wants a (valid) token. */
export class AuthError extends Error {}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** GETs an API path with query parameters; resolves to the JSON body or rejects with its error text. */
export async function get(path, params = {}) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => query.append(k, x));
    else query.set(k, v);
  }
  const headers = { Accept: 'application/json' };
  const t = token();
  if (t) headers.Authorization = 'Bearer ' + t;
  const url = '/api/v1/telemetry' + path + (query.toString() ? '?' + query : '');
  const res = await fetch(url, { headers, credentials: 'same-origin', cache: 'no-store' });
  if (res.status === 401 || res.status === 403) {
    throw new AuthError(await errorText(res));
  }
  if (!res.ok) {
    const err = new Error(await errorText(res));
    err.status = res.status;
    throw err;
  }
  return res.json();
}

async function errorText(res) {
  try {
    const body = await res.json();
    return body.error || res.statusText;
  } catch (e) {
    return res.status + ' ' + res.statusText;
  }
}

/** The path of a scenario's sub-resource. */
export function scenarioPath(scenario, rest = '') {
  return '/' + encodeURIComponent(scenario) + rest;
}
