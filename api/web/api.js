// The API as the page calls it: same origin, the session cookie (HttpOnly: the page never sees
// it), and the session's CSRF token in X-CSRF-Token on every request but a GET. A reply that is
// not 2xx is thrown as an ApiError carrying the server's JSON.

let csrfToken = '';

export class ApiError extends Error {
  constructor(status, body) {
    super(body && typeof body.error === 'string' ? body.error : `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }

  // What the page shows: the status and the server's JSON as sent.
  describe() {
    return `${this.status}: ${JSON.stringify(this.body)}`;
  }
}

async function parse(response) {
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = { error: text };
  }
  if (!response.ok) {
    throw new ApiError(response.status, body);
  }
  return body;
}

export async function get(path, params = {}) {
  const url = new URL(path, location.origin);
  for (const [name, value] of Object.entries(params)) {
    if (value !== '' && value !== null && value !== undefined) {
      url.searchParams.set(name, value);
    }
  }
  return parse(await fetch(url, { credentials: 'same-origin' }));
}

export async function post(path, body) {
  return parse(await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken },
    body: JSON.stringify(body),
  }));
}

// Opens a session; the reply names the user and carries the CSRF token.
export async function login(name, token) {
  const me = await parse(await fetch('/login', {
    method: 'POST',
    credentials: 'same-origin',
    body: new URLSearchParams({ name, token }),
  }));
  csrfToken = me.csrf_token;
  return me;
}

export async function logout() {
  await parse(await fetch('/logout', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'X-CSRF-Token': csrfToken },
  }));
  csrfToken = '';
}

// Who is logged in (401 when nobody), and the session's CSRF token after a reload.
export async function session() {
  const me = await get('/api/v1/session');
  csrfToken = me.csrf_token || '';
  return me;
}
