// Legal holds (GET /api/v1/holds): every hold placed, newest first, with its scope and who
// placed and released it. Compliance and admin also place a hold by query and/or custodians and
// release one in force (POST /api/v1/holds); the server names them as the actor.
import * as api from './api.js';
import { el, errorBox, shortTime } from './dom.js';

const PLACERS = ['compliance', 'admin'];

function holdForm(onPlaced) {
  const message = el('div', { id: 'hold-message', role: 'status' });
  const form = el('form', { class: 'filters hold-form', id: 'hold-form' },
    el('label', {}, 'Case name ', el('input', { name: 'name', required: true, size: 28 })),
    el('label', {}, 'Query ', el('input', { name: 'query', size: 32,
      placeholder: 'e.g. channel:finance 2024-03-01..2024-06-30' })),
    el('label', {}, 'Custodians ', el('input', { name: 'custodians', size: 20,
      placeholder: 'author ids or names, comma-separated' })),
    el('label', {}, 'Reason ', el('input', { name: 'reason', size: 24 })),
    el('button', { type: 'submit' }, 'Place hold'),
    message);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const custodians = String(data.get('custodians') || '').split(',')
      .map((c) => c.trim()).filter(Boolean);
    const body = { action: 'place', name: String(data.get('name') || '').trim() };
    if (data.get('query')) body.query = String(data.get('query'));
    if (custodians.length) body.custodians = custodians;
    if (data.get('reason')) body.reason = String(data.get('reason'));
    try {
      const reply = await api.post('/api/v1/holds', body);
      form.reset();
      message.replaceChildren(el('p', { class: 'status' }, reply.pending
        ? `Hold "${body.name}" is placed and waits to be signed into the log.`
        : `Hold "${body.name}" is placed.`));
      onPlaced();
    } catch (error) {
      message.replaceChildren(errorBox(error));
    }
  });
  return form;
}

function scope(hold) {
  const parts = [];
  if (hold.query) parts.push(el('span', {}, 'query ', el('code', {}, hold.query)));
  if (hold.custodians.length) parts.push(el('span', {}, `custodians ${hold.custodians.join(', ')}`));
  return parts.flatMap((part, i) => (i ? ['; ', part] : [part]));
}

function holdItem(hold, mayRelease, release) {
  const event = (what, e) => (e ? el('div', { class: 'meta' },
    `${what} ${shortTime(e.time)} by ${e.by}`, e.reason ? ` — ${e.reason}` : '') : null);
  return el('li', { class: `hold ${hold.active ? 'active' : 'released'}`, 'data-name': hold.name },
    el('div', {}, el('strong', {}, hold.name), ' ',
      el('span', { class: 'state' }, hold.active ? 'in force' : 'released')),
    el('div', { class: 'scope' }, scope(hold)),
    event('placed', hold.placed),
    event('released', hold.released),
    mayRelease && hold.active
      ? el('button', { type: 'button', class: 'release', onclick: () => release(hold) }, 'Release')
      : null);
}

export function showHolds(main, me) {
  const mayPlace = PLACERS.includes(me.role);
  const list = el('ul', { class: 'holds', id: 'holds' });
  const status = el('div', { id: 'holds-status' });
  let left = false;

  async function load() {
    try {
      const body = await api.get('/api/v1/holds');
      if (left) return;
      list.replaceChildren(...body.holds.map((hold) => holdItem(hold, mayPlace, release)));
      status.replaceChildren(el('p', { class: 'status' },
        `${body.holds.filter((h) => h.active).length} in force, ${body.holds.length} placed`));
    } catch (error) {
      status.replaceChildren(errorBox(error));
    }
  }

  async function release(hold) {
    try {
      await api.post('/api/v1/holds', { action: 'release', name: hold.name });
      await load();
    } catch (error) {
      status.replaceChildren(errorBox(error));
    }
  }

  main.append(el('h1', {}, 'Legal holds'),
    el('p', { class: 'hint' }, 'A hold keeps the posts its query finds, and its custodians\' ' +
      'posts, from erasure while it is in force.'),
    mayPlace ? holdForm(load) : null, status, list);
  load();
  return () => { left = true; };
}
