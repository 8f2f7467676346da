// Search (GET /api/v1/search): a query in the archive's syntax, a date range added to it as
// FROM..TO, the facets the route counts (a click adds the filter), snippets and paging.
import * as api from './api.js';
import { el, errorBox, shortTime, snippet } from './dom.js';

const PAGE_SIZE = 20;

// The query as sent: the words, then the date range (either end may be open).
function fullQuery(params) {
  const from = params.get('from') || '';
  const to = params.get('to') || '';
  const range = from || to ? `${from}..${to}` : '';
  return [params.get('q') || '', range].filter(Boolean).join(' ');
}

function filterTerm(field, value) {
  return /[\s"]/.test(value) ? `${field}:"${value.replace(/"/g, '')}"` : `${field}:${value}`;
}

function searchForm(params) {
  return el('form', { class: 'filters', id: 'search-form', role: 'search' },
    el('label', {}, 'Query ', el('input', { name: 'q', size: 40, value: params.get('q') || '' })),
    el('label', {}, 'From ', el('input', { name: 'from', type: 'date', value: params.get('from') || '' })),
    el('label', {}, 'To ', el('input', { name: 'to', type: 'date', value: params.get('to') || '' })),
    el('label', {}, 'Sort ', el('select', { name: 'sort' },
      ['relevance', 'newest', 'oldest'].map((s) =>
        el('option', { value: s, selected: (params.get('sort') || 'relevance') === s }, s)))),
    el('button', { type: 'submit' }, 'Search'));
}

function hitItem(hit) {
  return el('li', { class: 'hit' },
    el('div', { class: 'meta' },
      el('a', { href: `#/post/${hit.key}` }, `#${hit.channel || '?'}`), ' · ',
      hit.author || hit.author_id || '', ' · ', el('time', {}, shortTime(hit.time)), ' · ',
      hit.source || ''),
    el('div', { class: 'snippet' }, snippet(hit.snippet)));
}

function facetList(facets, params) {
  return el('aside', { class: 'facets', id: 'facets' }, Object.entries(facets || {}).map(
    ([field, counts]) => el('section', {}, el('h3', {}, field),
      el('ul', {}, counts.slice(0, 10).map(({ value, count }) => {
        const next = new URLSearchParams(params);
        next.set('q', `${params.get('q') || ''} ${filterTerm(field, value)}`.trim());
        next.delete('page');
        return el('li', {}, el('a', { href: `#/search?${next}` }, value), ` ${count}`);
      })))));
}

export function showSearch(main, me, params) {
  const form = searchForm(params);
  const results = el('div', { id: 'results' });
  main.append(el('h1', {}, 'Search'), form, results);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (value) next.set(name, value);
    }
    location.hash = `#/search?${next}`;
  });
  if (![...params.keys()].length) {
    return;
  }
  const page = Number(params.get('page') || 1);
  const query = fullQuery(params);
  api.get('/api/v1/search', { q: query, sort: params.get('sort') || '', facets: 1,
    page, page_size: PAGE_SIZE })
    .then((body) => {
      const pager = el('p', { class: 'pager' });
      const link = (n, text) => {
        const next = new URLSearchParams(params);
        next.set('page', n);
        return el('a', { href: `#/search?${next}` }, text);
      };
      if (page > 1) pager.append(link(page - 1, '← previous'), ' ');
      if (page * PAGE_SIZE < body.total) pager.append(link(page + 1, 'next →'));
      results.replaceChildren(
        el('p', { class: 'status', id: 'search-status' },
          `about ${body.total} posts · page ${page}`),
        el('div', { class: 'columns' }, facetList(body.facets, params),
          el('ol', { class: 'hits', id: 'hits' }, body.hits.map(hitItem))),
        pager);
      results.dataset.query = query;  // what these results answer
    })
    .catch((error) => results.replaceChildren(errorBox(error)));
}
