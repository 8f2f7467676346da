// Evidence exports (POST and GET /api/v1/exports): start one for a case from a query, an
// active hold or a review state, at the latest signed head or an earlier one, watch its
// progress (polled every second while one is queued or running) and download the bundle when
// it is done.
import * as api from './api.js';
import { el, errorBox, shortTime } from './dom.js';

const POLL_MS = 1000;
const FLAG_STATES = ['open', 'escalated', 'dismissed', 'resolved', 'unsampled', 'any'];

function exportForm(holds, onStarted) {
  const query = el('input', { name: 'query', size: 36, id: 'export-query' });
  // One select for what to export: the query, a hold ("hold:NAME") or a state ("flags:STATE").
  const hold = el('select', { name: 'hold', id: 'export-hold' },
    el('option', { value: '' }, '— the query —'),
    holds.filter((h) => h.active).map((h) => el('option', { value: `hold:${h.name}` }, `hold: ${h.name}`)),
    FLAG_STATES.map((state) => el('option', { value: `flags:${state}` }, `posts with ${state} flags`)));
  hold.addEventListener('change', () => { query.disabled = hold.value !== ''; });
  const head = el('input', { name: 'head', id: 'export-head', type: 'number', min: 1, size: 10,
    placeholder: 'latest' });
  const message = el('div', { id: 'export-message', role: 'status' });
  const form = el('form', { class: 'filters', id: 'export-form' },
    el('label', {}, 'Case ', el('input', { name: 'case', required: true, size: 24 })),
    el('label', {}, 'Export ', hold),
    el('label', {}, 'Query ', query),
    el('label', { title: 'A tree size the archive signed: the same export at the same head gives the same bytes' },
      'At head ', head),
    el('button', { type: 'submit' }, 'Start export'),
    message);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { case: form.elements.case.value.trim() };
    if (hold.value.startsWith('hold:')) {
      body.hold = hold.value.slice('hold:'.length);
    } else if (hold.value.startsWith('flags:')) {
      body.flag_state = hold.value.slice('flags:'.length);
    } else {
      body.query = query.value;
    }
    if (head.value) body.head = Number(head.value);
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
    el('div', { class: 'meta' }, selectionText(job)),
    el('div', { class: 'meta' }, `started ${shortTime(job.created)} by ${job.by}`,
      done ? ` · ${job.posts} posts, ${job.flags} flags, ${job.reviews} reviews` : ''),
    job.state === 'failed' ? el('p', { class: 'error' }, job.message) : null,
    done ? el('div', { class: 'meta' },
      el('a', { class: 'download', href: job.download, download: '', 'data-bytes': job.bytes },
        `Download bundle (${job.bytes} bytes)`),
      ' SHA-256 ', el('code', { class: 'sha256' }, job.sha256)) : null,
    done ? el('div', { class: 'meta' }, `cut at the signed head of ${job.head_size} records · manifest `,
      el('code', { class: 'manifest' }, job.manifest_sha256)) : null);
}

function selectionText(job) {
  if (job.hold) return `hold ${job.hold}`;
  if (job.flag_state) return `posts with ${job.flag_state} flags`;
  return el('code', {}, job.query);
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
      'reviews as native files, RSMF, a DAT load file and HTML transcripts, with proofs that ' +
      'check offline (holdfast verify-bundle, or the verify_bundle.py inside it).'),
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
