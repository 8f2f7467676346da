// One post (GET /api/v1/posts/{key}) with its matched spans highlighted and its thread around
// it, oldest first. Post text is hostile: it is only ever set as text (dom.js).
import * as api from './api.js';
import { el, errorBox, highlighted, shortTime } from './dom.js';

function spansOf(post) {
  return (post.flags || []).map((flag) => ({
    begin: flag.span.begin,
    end: flag.span.end,
    title: `${flag.policy} · ${flag.rule} (${flag.severity}, ${flag.state})`,
  }));
}

function postItem(post, current) {
  return el('li', { class: current ? 'post current' : 'post', 'aria-current': current || null },
    el('div', { class: 'meta' },
      el('strong', {}, post.author || post.author_id || 'unknown author'), ' ',
      el('time', {}, shortTime(post.time)), ' ',
      current ? null : el('a', { href: `#/post/${post.key}` }, 'open')),
    el('div', { class: 'text' }, highlighted(post.text, spansOf(post))));
}

function flagList(post) {
  return el('ul', { class: 'post-flags' }, (post.flags || []).map((flag) =>
    el('li', { 'data-flag-id': flag.flag_id },
      el('span', { class: `severity ${flag.severity}` }, flag.severity), ' ',
      `${flag.policy} · ${flag.rule} · ${flag.category} · ${flag.state}`)));
}

export function showPost(main, me, key, params) {
  const body = el('div', { id: 'post-view' }, el('p', {}, 'Loading…'));
  main.append(el('p', {}, el('a', { href: '#/queue' }, '← review queue')), body);
  api.get(`/api/v1/posts/${encodeURIComponent(key)}`, { context: params.get('context') || 5 })
    .then((context) => {
      const post = context.post;
      body.replaceChildren(
        el('h1', {}, `#${post.channel || '?'}`),
        el('p', { class: 'meta' }, `${post.source || ''} · ${shortTime(post.time)} · key ${post.key}`),
        flagList(post),
        el('h2', {}, context.scope ? `In its ${context.scope}` : 'On its own'),
        el('ol', { class: 'thread' },
          context.before.map((p) => postItem(p, false)),
          postItem(post, true),
          context.after.map((p) => postItem(p, false))));
    })
    .catch((error) => body.replaceChildren(errorBox(error)));
}
