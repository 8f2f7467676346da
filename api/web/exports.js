// Evidence exports (POST and GET /api/v1/exports): start one for a case from a query or an
// active hold, watch its progress (polled every second while one is queued or running) and
// download the bundle when it is done.
import * as api from './api.js';
import { el, errorBox, shortTime } from './dom.js';

const POLL_MS = 1000;

function exportForm(holds, onStarted) {
  const query = el('input', { name: 'query', size: 36, id: 'export-query' });
  const hold = el('select', { name: 'hold', id: 'export-hold' },
    el('option', { value: '' }, '— the query —'),
    holds.filter((h) => h.active).map((h) => el('option', { value: h.name }, `hold: ${h.name}`)));
  hold.addEventListener('change', () => { query.disabled = hold.value !== ''; });
  const message = el('div', { id: 'export-message', role: 'status' });
  const form = el('form', { class: 'filters', id: 'export-form' },
    el('label', {}, 'Case ', el('input', { name: 'case', required: true, size: 24 })),
    el('label', {}, 'Export ', hold),
    el('label', {}, 'Query ', query),
    el('button', { type: 'submit' }, 'Start export'),
    message);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { case: form.elements.case.value.trim() };
    if (hold.value) {
      body.hold = hold.value;
    } else {
      body.query = query.value;
    }
    try {
      const started = await api.post('/api/v1/exports', body);
      message.replaceChildren(el('p', { class: 'status' }, `Export for "${started.case}" is ${started.state}.`));
      onStarted();
    } catch (error) {
      message.replaceChildren(errorBox(error));
    }
  });
  return form;
}

function progressText(job) {
  if (job.state === 'done') return `${job.progress.total} items`;
  if (job.state === 'queued') return 'waiting';
  if (!job.progress.total) return `gathering: ${job.progress.done} found`;
  return `${job.progress.done} / ${job.progress.total} items`;
}

function exportItem(job) {
  const done = job.state === 'done';
  return el('li', { class: `export ${job.state}`, 'data-id': job.id, 'data-state': job.state },
    el('div', {}, el('strong', {}, job.case), ' ',
      el('span', { class: 'state' }, job.state), ' · ',
      el('span', { class: 'progress' }, progressText(job))),
    el('div', { class: 'meta' }, job.hold ? `hold ${job.hold}` : el('code', {}, job.query)),
    el('div', { class: 'meta' }, `started ${shortTime(job.created)} by ${job.by}`,
      done ? ` · ${job.posts} posts, ${job.flags} flags, ${job.reviews} reviews` : ''),
    job.state === 'failed' ? el('p', { class: 'error' }, job.message) : null,
    done ? el('div', { class: 'meta' },
      el('a', { class: 'download', href: job.download, download: '', 'data-bytes': job.bytes },
        `Download bundle (${job.bytes} bytes)`),
      ' SHA-256 ', el('code', { class: 'sha256' }, job.sha256)) : null);
}

export function showExports(main) {
  const list = el('ul', { class: 'exports', id: 'exports' });
  const status = el('div', { id: 'exports-status' });
  const formSlot = el('div');
  let timer = null;
  let left = false;

  async function load() {
    clearTimeout(timer);
    try {
      const body = await api.get('/api/v1/exports');
      if (left) return;
      list.replaceChildren(...body.exports.map(exportItem));
      status.replaceChildren(body.exports.length ? '' : el('p', { class: 'status' }, 'No exports yet.'));
      if (body.exports.some((job) => job.state === 'queued' || job.state === 'running')) {
        timer = setTimeout(load, POLL_MS);
      }
    } catch (error) {
      status.replaceChildren(errorBox(error));
    }
  }

  main.append(el('h1', {}, 'Evidence exports'),
    el('p', { class: 'hint' }, 'A bundle holds the posts found (every version), their flags and ' +
      'reviews, with proofs that check offline (holdfast verify-bundle).'),
    formSlot, status, list);
  api.get('/api/v1/holds')
    .then((body) => body.holds)
    .catch(() => [])
    .then((holds) => { if (!left) formSlot.replaceChildren(exportForm(holds, load)); });
  load();
  return () => {
    left = true;
    clearTimeout(timer);
  };
}
