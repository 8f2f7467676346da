// The review queue: GET /api/v1/flags with its filters, worked with the keyboard. j and k move
// the selection, Enter or o opens the post, d, e and r dismiss, escalate or resolve the
// selected flag after asking for a note in the page (POST /api/v1/flags/{id}/review).
import * as api from './api.js';
import { el, errorBox, shortTime } from './dom.js';

const ACTIONS = { d: 'dismiss', e: 'escalate', r: 'resolve' };
const STATES = ['open', 'escalated', 'dismissed', 'resolved', 'all'];

function filterForm(params) {
  const state = el('select', { name: 'state' },
    STATES.map((s) => el('option', { value: s, selected: (params.get('state') || 'open') === s }, s)));
  return el('form', { class: 'filters', id: 'queue-filters' },
    el('label', {}, 'State ', state),
    el('label', {}, 'Policy ', el('input', { name: 'policy', value: params.get('policy') || '' })),
    el('label', {}, 'Community ',
      el('input', { name: 'community', value: params.get('community') || '' })),
    el('button', { type: 'submit' }, 'Filter'));
}

function flagItem(flag) {
  const post = flag.post || {};
  return el('li', { class: 'flag', 'data-flag-id': flag.flag_id, 'data-post': post.key },
    el('span', { class: `severity ${flag.severity}` }, flag.severity),
    el('span', { class: 'policy' }, `${flag.policy} · ${flag.rule}`),
    el('span', { class: 'state' }, flag.state),
    el('span', { class: 'where' }, `#${post.channel || '?'} · ${post.author || post.author_id || ''}`),
    el('time', {}, shortTime(post.time)),
    flag.match !== undefined ? el('q', { class: 'match' }, flag.match) : null);
}

export function showQueue(main, me, params) {
  const list = el('ol', { class: 'queue', id: 'queue', tabindex: -1 });
  const status = el('p', { class: 'status', id: 'queue-status', role: 'status' });
  const note = el('textarea', { name: 'note', rows: 3, id: 'review-note' });
  const reviewTitle = el('strong');
  const reviewError = el('div', { id: 'review-error' });
  const review = el('form', { class: 'review', id: 'review', hidden: true },
    reviewTitle, el('label', {}, 'Note ', note),
    el('button', { type: 'submit' }, 'Record'),
    el('button', { type: 'button', onclick: () => closeReview() }, 'Cancel'), reviewError);
  const form = filterForm(params);
  const pager = el('p', { class: 'pager' });
  main.append(el('h1', {}, 'Review queue'), form,
    el('p', { class: 'hint' }, 'j/k move · Enter or o opens · d dismiss · e escalate · r resolve'),
    status, review, list, pager);

  let flags = [];
  let selected = 0;
  let action = null;
  const page = Number(params.get('page') || 1);

  function select(index) {
    if (flags.length === 0) {
      return;
    }
    selected = Math.max(0, Math.min(index, flags.length - 1));
    list.querySelectorAll('li').forEach((item, i) => {
      item.classList.toggle('selected', i === selected);
      item.setAttribute('aria-selected', String(i === selected));
    });
    list.children[selected].scrollIntoView({ block: 'nearest' });
  }

  function openReview(name) {
    if (flags.length === 0) {
      return;
    }
    action = name;
    reviewTitle.textContent = `${name} ${flags[selected].flag_id}`;
    reviewError.replaceChildren();
    review.hidden = false;
    note.value = '';
    note.focus();
  }

  function closeReview() {
    review.hidden = true;
    action = null;
    list.focus();
  }

  async function load() {
    list.replaceChildren();
    const query = Object.fromEntries(new FormData(form));
    try {
      const body = await api.get('/api/v1/flags', { ...query, page });
      flags = body.flags;
      list.append(...flags.map(flagItem));
      status.textContent = `${body.total} flags`;
      pager.replaceChildren();
      const link = (n, text) => {
        const next = new URLSearchParams({ ...query, page: n });
        return el('a', { href: `#/queue?${next}` }, text);
      };
      if (page > 1) pager.append(link(page - 1, '← newer page'), ' ');
      if (page * body.page_size < body.total) pager.append(link(page + 1, 'next page →'));
      select(Math.min(selected, flags.length - 1));
      if (!document.activeElement || !document.activeElement.closest('input, textarea, select')) {
        list.focus({ preventScroll: true });  // the keys work without a click first
      }
    } catch (error) {
      list.replaceChildren(el('li', {}, errorBox(error)));
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = `#/queue?${new URLSearchParams(new FormData(form))}`;
  });

  review.addEventListener('submit', async (event) => {
    event.preventDefault();
    const flag = flags[selected];
    try {
      await api.post(`/api/v1/flags/${encodeURIComponent(flag.flag_id)}/review`,
        { action, note: note.value });
      status.textContent = `${action}: ${flag.flag_id}`;
      review.hidden = true;
      action = null;
      await load();
    } catch (error) {
      reviewError.replaceChildren(errorBox(error));
    }
  });

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    if (event.key === 'Escape' && !review.hidden) {
      closeReview();
      return;
    }
    if (event.target.closest('input, textarea, select, button') || !review.hidden) {
      return;
    }
    if (event.key === 'j') {
      select(selected + 1);
    } else if (event.key === 'k') {
      select(selected - 1);
    } else if ((event.key === 'Enter' || event.key === 'o') && flags[selected]) {
      const flag = flags[selected];
      location.hash = `#/post/${flag.post.key}?flag=${encodeURIComponent(flag.flag_id)}`;
    } else if (ACTIONS[event.key]) {
      openReview(ACTIONS[event.key]);
    } else {
      return;
    }
    event.preventDefault();
  }

  list.addEventListener('click', (event) => {
    const item = event.target.closest('li');
    if (item) {
      select([...list.children].indexOf(item));
    }
  });
  document.addEventListener('keydown', onKey);
  load();
  return () => document.removeEventListener('keydown', onKey);
}
