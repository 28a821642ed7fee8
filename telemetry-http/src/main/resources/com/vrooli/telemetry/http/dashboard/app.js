// The dashboard's entry: picks the view from the URL, polls for live updates, asks for a read token
// when the server wants one.

import { el, replace } from './dom.js';
import { readState, onNavigate, navigate, linkHandler } from './state.js';
import { AuthError, token, setToken } from './api.js';
import { renderOverview } from './overview.js';
import { renderScenario } from './scenario.js';

/** Live updates: the open view polls the API this often (paused while the tab is hidden). */
const POLL_MS = 5000;

const main = document.getElementById('main');
const live = document.getElementById('live');
const signout = document.getElementById('signout');
let current = null;

const ctx = {
  main,
  /** Shows the sign-in box; called by views when the API answers 401 or 403. */
  needAuth(message) {
    showSignIn(message);
  },
  /** Reports a successful refresh in the header's live indicator. */
  updated() {
    live.textContent = 'Live · updated ' + new Date().toLocaleTimeString() + ' · polls every ' + POLL_MS / 1000 + ' s';
  },
  /** Runs a view's async work, sending auth failures to the sign-in box. */
  async guard(work) {
    try {
      await work();
      return true;
    } catch (e) {
      if (e instanceof AuthError) showSignIn(e.message);
      else throw e;
      return false;
    }
  },
};

function show(state) {
  if (current) current.dispose();
  // Keep the focus and caret of the field being typed in when a filter re-renders the view.
  const active = document.activeElement;
  const focusId = active && active.id && main.contains(active) ? active.id : null;
  const caret = focusId && 'selectionStart' in active ? active.selectionStart : null;
  current = state.scenario ? renderScenario(ctx, state) : renderOverview(ctx, state);
  if (focusId) {
    const again = document.getElementById(focusId);
    if (again) {
      again.focus();
      if (caret !== null && typeof again.setSelectionRange === 'function') {
        try { again.setSelectionRange(caret, caret); } catch (e) { /* not a text field */ }
      }
    }
  }
  signout.hidden = !token();
}

function showSignIn(message) {
  if (current) current.dispose();
  current = { refresh() {}, dispose() {} };
  // The server refused the kept token (or there was none): forget it.
  setToken(null);
  signout.hidden = true;
  live.textContent = 'Signed out';
  const input = el('input', { id: 'token', type: 'password', autocomplete: 'off', required: true,
    'aria-describedby': 'token-help' });
  const form = el('form', { class: 'signin', 'aria-labelledby': 'signin-title' },
    el('h1', { id: 'signin-title' }, 'Sign in'),
    el('p', { id: 'token-help' }, 'This server needs a read token. It is kept in this tab only (sessionStorage) and sent as the Authorization header.'),
    message ? el('p', { class: 'error', role: 'alert' }, message) : null,
    el('label', { for: 'token' }, 'Read token'),
    input,
    el('button', { type: 'submit' }, 'Sign in'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    setToken(input.value.trim());
    show(readState());
  });
  replace(main, form);
  input.focus();
}

signout.addEventListener('click', () => {
  setToken(null);
  showSignIn('Signed out.');
});
document.getElementById('home').addEventListener('click', linkHandler({}));

onNavigate(show);
setInterval(() => {
  if (!document.hidden && current) current.refresh();
}, POLL_MS);
document.addEventListener('visibilitychange', () => {
  if (!document.hidden && current) current.refresh();
});
// Charts take their colours from the theme when drawn: draw again when the theme changes.
window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
  if (current) current.refresh();
});
show(readState());

export { navigate };
