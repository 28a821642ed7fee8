// The view and its filters live in the URL's query string, so links can be shared and the back
// button works: every change pushes a history entry, and popstate renders the entry's view.

const listeners = [];

/** The current view state from the URL. */
export function readState() {
  const params = new URLSearchParams(location.search);
  const state = {};
  for (const [k, v] of params) {
    if (v !== '') state[k] = v;
  }
  return state;
}

/** Goes to a view state: a new history entry (or a replaced one), then renders. */
export function navigate(state, { replace = false } = {}) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(state)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, v);
  }
  const url = params.toString() ? '/?' + params : '/';
  if (url !== location.pathname + location.search) {
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
  }
  listeners.forEach((fn) => fn(readState()));
}

/** The link (href) of a view state, for real anchors that open in new tabs too. */
export function hrefOf(state) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(state)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, v);
  }
  return params.toString() ? '/?' + params : '/';
}

/** Calls fn with the new state on every navigation, including back and forward. */
export function onNavigate(fn) {
  listeners.push(fn);
  window.addEventListener('popstate', () => fn(readState()));
}

/** Makes a plain left click on a link created with hrefOf navigate in place. */
export function linkHandler(state) {
  return (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(state);
  };
}
