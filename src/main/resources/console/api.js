// The Operations API as the console calls it: POST / with the signed-in user's Basic credentials.
// The credentials live in this tab's sessionStorage only, and go nowhere but this server.
const KEY = 'caravan.console.credentials';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function basic(username, password) {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let binary = '';
  bytes.forEach((b) => { binary += String.fromCharCode(b); });
  return `Basic ${btoa(binary)}`;
}

export function session() {
  const stored = sessionStorage.getItem(KEY);
  return stored ? JSON.parse(stored) : null;
}

let onSignedOut = () => {};
export function whenSignedOut(callback) { onSignedOut = callback; }

export function signOut() {
  sessionStorage.removeItem(KEY);
  onSignedOut();
}

async function send(authorization, body) {
  const response = await fetch('/', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: authorization },
    body: JSON.stringify(body),
    cache: 'no-store',
    credentials: 'omit',
  });
  const text = await response.text();
  let json;
  try { json = JSON.parse(text); } catch { json = { error: text }; }
  if (!response.ok) {
    const message = json && typeof json.error === 'string' ? json.error : text || response.statusText;
    throw new ApiError(response.status, message);
  }
  return json;
}

/** Checks the credentials with user_info and keeps them for this tab. */
export async function signIn(username, password) {
  const authorization = basic(username, password);
  const user = await send(authorization, { operation: 'user_info' });
  const superUser = Boolean(user && user.role && user.role.permission && user.role.permission.super_user);
  sessionStorage.setItem(KEY, JSON.stringify({ username: user.username || username, authorization, superUser }));
  return session();
}

/** One operation as the signed-in user; a 401 (password changed, user dropped) signs out. */
export async function call(body) {
  const current = session();
  if (!current) throw new ApiError(401, 'Not signed in');
  try {
    return await send(current.authorization, body);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) signOut();
    throw e;
  }
}

/** The rejects file of a job, fetched with the credentials and handed to the browser as a download. */
export async function downloadRejects(id) {
  const current = session();
  const response = await fetch(`/console/api/jobs/${encodeURIComponent(id)}/rejects`, {
    headers: { Authorization: current.authorization }, cache: 'no-store', credentials: 'omit',
  });
  if (!response.ok) {
    let message = response.statusText;
    try { message = (await response.json()).error || message; } catch { /* not JSON */ }
    throw new ApiError(response.status, message);
  }
  const disposition = response.headers.get('Content-Disposition') || '';
  const match = /filename="([^"]+)"/.exec(disposition);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = match ? match[1] : `rejects-${id}`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
