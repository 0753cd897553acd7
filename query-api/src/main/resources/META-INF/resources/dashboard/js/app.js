// The dashboard's frame: sign-in with an API key, the navigation, and a hash router (#/page/id?query) that gives
// each page the main element; a page may answer a function that stops what it started (a stream, a timer).
import { apiKey, signIn, signOut, get, ApiError } from './api.js';
import { h, fill, field, notice } from './dom.js';
import * as overview from './overview.js';
import * as chargers from './chargers.js';
import * as charger from './charger.js';
import * as analytics from './analytics.js';
import * as sites from './sites.js';
import * as site from './site.js';
import * as operators from './operators.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
let stopPage = null;

const routes = [
  [/^\/$/, overview],
  [/^\/chargers$/, chargers],
  [/^\/chargers\/(.+)$/, charger],
  [/^\/analytics$/, analytics],
  [/^\/sites$/, sites],
  [/^\/sites\/(.+)$/, site],
  [/^\/operators$/, operators],
];

async function route() {
  if (stopPage) stopPage();
  stopPage = null;
  if (!apiKey()) return showSignIn();
  const [path, search = ''] = (location.hash.slice(1) || '/').split('?');
  const found = routes.map(([pattern, page]) => [path.match(pattern), page]).find(([match]) => match);
  for (const link of nav.querySelectorAll('a')) {
    const target = link.getAttribute('href').slice(1);
    if (target === '/' ? path === '/' : path.startsWith(target)) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  nav.hidden = false;
  if (!found) return fill(main, h('h1', {}, 'Not found'), notice(`No page at ${path}.`, 'error'));
  const [match, page] = found;
  fill(main, notice('Loading…'));
  try {
    stopPage = await page.render(main, match.slice(1).map(decodeURIComponent), new URLSearchParams(search)) || null;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return showSignIn('That key is no longer valid.');
    fill(main, h('h1', {}, 'Something went wrong'), notice(error.message, 'error'));
  }
  main.focus({ preventScroll: true });
}

function showSignIn(message) {
  signOut();
  nav.hidden = true;
  const key = h('input', { type: 'password', autocomplete: 'off', required: true, id: 'api-key' });
  const status = h('div', { 'aria-live': 'polite' }, message ? notice(message, 'error') : null);
  const form = h('form', { id: 'sign-in', async onsubmit(event) {
    event.preventDefault();
    signIn(key.value.trim());
    try {
      await get('/api/v1/cpo/fleet/summary');
      await showOperators();
      location.hash === '#/' ? route() : (location.hash = '#/');
    } catch (error) {
      signOut();
      fill(status, notice(error instanceof ApiError && error.status === 401
        ? 'No live API key matches that.' : error.message, 'error'));
    }
  } }, field('API key', key, 'Kept only in this browser tab until you sign out or close it.'),
  h('button', { type: 'submit' }, 'Sign in'));
  fill(main, h('section', {}, h('h1', {}, 'Sign in'), form, status));
  key.focus();
}

/** Shows the Operators page to keys with the operator scope (any other gets 403 there). */
async function showOperators() {
  let operator = false;
  try {
    await get('/admin/organisations');
    operator = true;
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 403) throw error;
  }
  document.getElementById('nav-operators').hidden = !operator;
}

document.getElementById('sign-out').addEventListener('click', () => {
  if (stopPage) stopPage();
  stopPage = null;
  showSignIn();
});
window.addEventListener('hashchange', route);
if (apiKey()) showOperators().catch(() => {});
route();
