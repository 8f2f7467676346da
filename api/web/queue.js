// The review queue: GET /api/v1/flags with its filters, worked with the keyboard. j and k move
// the selection, Enter or o opens the post, d, e, r and n dismiss, escalate, resolve or notify
// the author of (the default notice) the selected flag after asking for a note in the page
// (POST /api/v1/flags/{id}/review).
import * as api from './api.js';
import { el, errorBox, shortTime } from './dom.js';

const ACTIONS = { d: 'dismiss', e: 'escalate', r: 'resolve', n: 'notify' };
const STATES = ['open', 'escalated', 'dismissed', 'resolved', 'all'];
const SEVERITIES = ['', 'critical', 'high', 'medium', 'low'];
const SORTS = ['oldest', 'newest', 'severity'];

function filterForm(params) {
  const state = el('select', { name: 'state' },
    STATES.map((s) => el('option', { value: s, selected: (params.get('state') || 'open') === s }, s)));
  const choice = (name, values, fallback) => el('select', { name },
    values.map((v) => el('option', { value: v, selected: (params.get(name) || fallback) === v },
      v || 'any')));
  return el('form', { class: 'filters', id: 'queue-filters' },
    el('label', {}, 'State ', state),
    el('label', {}, 'Severity ', choice('severity', SEVERITIES, '')),
    el('label', {}, 'Sort ', choice('sort', SORTS, 'oldest')),
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

// The note form of a review: open(action, flag) shows it (with the reviewer to escalate to,
// for escalate); submitting calls send(flag, {action, note, assignee?}), whose failure it
// shows as the server's JSON.
function reviewForm(send, onClose) {
  const note = el('textarea', { name: 'note', rows: 3, id: 'review-note' });
  const assignee = el('input', { name: 'assignee', id: 'review-assignee' });
  const assigneeLabel = el('label', {}, 'Escalate to (user name) ', assignee);
  const title = el('strong');
  const error = el('div', { id: 'review-error' });
  const form = el('form', { class: 'review', id: 'review', hidden: true },
    title, assigneeLabel, el('label', {}, 'Note ', note), el('button', { type: 'submit' }, 'Record'),
    el('button', { type: 'button', onclick: () => close() }, 'Cancel'), error);
  let pending = null;
  function close() {
    form.hidden = true;
    pending = null;
    onClose();
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const review = { action: pending.action, note: note.value };
      if (pending.action === 'escalate' && assignee.value) {
        review.assignee = assignee.value;
      }
      await send(pending.flag, review);
      close();
    } catch (failure) {
      error.replaceChildren(errorBox(failure));
    }
  });
  return {
    form,
    close,
    isOpen: () => !form.hidden,
    open(action, flag) {
      pending = { action, flag };
      title.textContent = `${action} ${flag.flag_id}`;
      error.replaceChildren();
      note.value = '';
      assignee.value = '';
      assigneeLabel.hidden = action !== 'escalate';
      form.hidden = false;
      (action === 'escalate' ? assignee : note).focus();
    },
  };
}

class Queue {
  constructor(main, params) {
    this.params = params;
    this.page = Number(params.get('page') || 1);
    this.flags = [];
    this.selected = 0;
    this.list = el('ol', { class: 'queue', id: 'queue', tabindex: -1 });
    this.status = el('p', { class: 'status', id: 'queue-status', role: 'status' });
    this.pager = el('p', { class: 'pager' });
    this.filters = filterForm(params);
    this.review = reviewForm((flag, review) => this.send(flag, review), () => this.list.focus());
    main.append(el('h1', {}, 'Review queue'), this.filters,
      el('p', { class: 'hint' }, 'j/k move · Enter or o opens · d dismiss · e escalate · r resolve · n notify the author'),
      this.status, this.review.form, this.list, this.pager);
    this.filters.addEventListener('submit', (event) => {
      event.preventDefault();
      location.hash = `#/queue?${new URLSearchParams(new FormData(this.filters))}`;
    });
    this.list.addEventListener('click', (event) => {
      const item = event.target.closest('li');
      if (item) this.select([...this.list.children].indexOf(item));
    });
  }

  select(index) {
    if (this.flags.length === 0) {
      return;
    }
    this.selected = Math.max(0, Math.min(index, this.flags.length - 1));
    [...this.list.children].forEach((item, i) => {
      item.classList.toggle('selected', i === this.selected);
      item.setAttribute('aria-selected', String(i === this.selected));
    });
    this.list.children[this.selected].scrollIntoView({ block: 'nearest' });
  }

  async load() {
    const query = Object.fromEntries(new FormData(this.filters));
    try {
      const body = await api.get('/api/v1/flags', { ...query, page: this.page });
      this.flags = body.flags;
      this.list.replaceChildren(...this.flags.map(flagItem));
      this.status.textContent = `${body.total} flags`;
      const link = (n, text) =>
        el('a', { href: `#/queue?${new URLSearchParams({ ...query, page: n })}` }, text);
      this.pager.replaceChildren(
        this.page > 1 ? link(this.page - 1, '← newer page') : '', ' ',
        this.page * body.page_size < body.total ? link(this.page + 1, 'next page →') : '');
      this.select(Math.min(this.selected, this.flags.length - 1));
      if (!document.activeElement || !document.activeElement.closest('input, textarea, select')) {
        this.list.focus({ preventScroll: true });  // the keys work without a click first
      }
    } catch (error) {
      this.list.replaceChildren(el('li', {}, errorBox(error)));
    }
  }

  async send(flag, review) {
    await api.post(`/api/v1/flags/${encodeURIComponent(flag.flag_id)}/review`, review);
    this.status.textContent = `${review.action}: ${flag.flag_id}`;
    await this.load();
  }

  onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    if (event.key === 'Escape' && this.review.isOpen()) {
      this.review.close();
      return;
    }
    if (event.target.closest('input, textarea, select, button') || this.review.isOpen()) {
      return;
    }
    const flag = this.flags[this.selected];
    if (event.key === 'j') {
      this.select(this.selected + 1);
    } else if (event.key === 'k') {
      this.select(this.selected - 1);
    } else if ((event.key === 'Enter' || event.key === 'o') && flag) {
      location.hash = `#/post/${flag.post.key}?flag=${encodeURIComponent(flag.flag_id)}`;
    } else if (ACTIONS[event.key] && flag) {
      this.review.open(ACTIONS[event.key], flag);
    } else {
      return;
    }
    event.preventDefault();
  }
}

export function showQueue(main, me, params) {
  const queue = new Queue(main, params);
  const onKey = (event) => queue.onKey(event);
  document.addEventListener('keydown', onKey);
  queue.load();
  return () => document.removeEventListener('keydown', onKey);
}
