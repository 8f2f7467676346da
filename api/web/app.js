// The web UI's shell: login, navigation by the URL's hash (#/queue, #/post/KEY, #/search,
// #/dashboard, #/holds, #/exports), and logout. A nav link with data-roles shows only to them. Each page is a function (main, me, params) that fills `main` and
// may return a function to call when the page is left (to drop its keyboard handler).
import * as api from './api.js';
import { el, errorBox } from './dom.js';
import { showQueue } from './queue.js';
import { showPost } from './post.js';
import { showSearch } from './search.js';
import { showDashboard } from './dashboard.js';
import { showHolds } from './holds.js';
import { showExports } from './exports.js';

const main = document.getElementById('main');
const top = document.getElementById('top');
const loginSection = document.getElementById('login');
const loginForm = document.getElementById('login-form');
const loginMessage = document.getElementById('login-message');
let me = null;
let leave = null;

function showLogin(message) {
  me = null;
  top.hidden = true;
  main.replaceChildren();
  loginSection.hidden = false;
  loginMessage.textContent = message || '';
  loginForm.elements.token.focus();
}

function showApp() {
  loginSection.hidden = true;
  top.hidden = false;
  document.getElementById('who').textContent = `${me.name} (${me.role})`;
  for (const link of top.querySelectorAll('nav a[data-roles]')) {
    link.hidden = !link.dataset.roles.split(' ').includes(me.role);
  }
  if (!location.hash || location.hash === '#/') {
    const home = { compliance: '#/search', legal: '#/exports' };
    location.hash = home[me.role] || '#/queue';
  } else {
    route();
  }
}

function route() {
  if (!me) {
    return;
  }
  if (leave) {
    leave();
    leave = null;
  }
  const [path, query] = location.hash.replace(/^#/, '').split('?');
  const [, page, arg] = path.split('/');
  const params = new URLSearchParams(query || '');
  main.replaceChildren();
  for (const link of top.querySelectorAll('nav a')) {
    link.toggleAttribute('aria-current', link.getAttribute('href') === `#/${page}`);
  }
  const pages = {
    queue: () => showQueue(main, me, params),
    post: () => showPost(main, me, decodeURIComponent(arg || ''), params),
    search: () => showSearch(main, me, params),
    dashboard: () => showDashboard(main, me, params),
    holds: () => showHolds(main, me),
    exports: () => showExports(main, me),
  };
  if (!pages[page]) {
    main.append(el('p', {}, 'No such page. Choose one above.'));
    return;
  }
  leave = pages[page]();
}

loginForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(loginForm);
  try {
    me = await api.login(data.get('name'), data.get('token'));
    loginForm.reset();
    showApp();
  } catch (error) {
    loginMessage.textContent = error.message;
  }
});

document.getElementById('logout').addEventListener('click', async () => {
  try {
    await api.logout();
    if (leave) {
      leave();
      leave = null;
    }
    showLogin('You are logged out.');
  } catch (error) {
    main.prepend(errorBox(error));
  }
});

window.addEventListener('hashchange', route);

async function start() {
  try {
    me = await api.session();
    showApp();
  } catch (error) {
    if (error.status === 401) {
      showLogin('');
    } else {
      showLogin(error.message);
    }
  }
}

start();
