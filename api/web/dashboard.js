// Flags per policy over time: every flag (GET /api/v1/flags?state=all, page by page), counted by
// policy and by the day of its post, drawn as one line per policy in an SVG the page draws
// itself, with the counts as a table beside it.
import * as api from './api.js';
import { el, errorBox, svg } from './dom.js';

const MAX_PAGES = 100;
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2',
  '#7f7f7f', '#bcbd22', '#17becf'];

async function allFlags() {
  const flags = [];
  for (let page = 1; page <= MAX_PAGES; ++page) {
    const body = await api.get('/api/v1/flags', { state: 'all', page, page_size: 100 });
    flags.push(...body.flags);
    if (flags.length >= body.total || body.flags.length === 0) {
      break;
    }
  }
  return flags;
}

// {days: [sorted day], policies: {policy: {day: count}}}
function countByDay(flags) {
  const policies = {};
  const days = new Set();
  for (const flag of flags) {
    const day = ((flag.post && flag.post.time) || '').slice(0, 10) || 'unknown';
    days.add(day);
    policies[flag.policy] = policies[flag.policy] || {};
    policies[flag.policy][day] = (policies[flag.policy][day] || 0) + 1;
  }
  return { days: everyDay([...days].sort()), policies };
}

// The days from the first to the last, those without flags included, so that the x axis is
// time; as given when they are not dates or span more than ten years.
function everyDay(days) {
  const dated = days.filter((day) => /^\d{4}-\d\d-\d\d$/.test(day));
  if (dated.length < 2 || dated.length !== days.length) {
    return days;
  }
  const first = Date.parse(`${dated[0]}T00:00:00Z`);
  const last = Date.parse(`${dated[dated.length - 1]}T00:00:00Z`);
  const count = Math.round((last - first) / 86400000) + 1;
  if (count > 3660) {
    return days;
  }
  return Array.from({ length: count },
    (_, i) => new Date(first + i * 86400000).toISOString().slice(0, 10));
}

function chart({ days, policies }) {
  const width = 760;
  const height = 280;
  const left = 40;
  const bottom = 40;
  const plotWidth = width - left - 40;  // room for the last day's label
  const plotHeight = height - bottom - 10;
  const most = Math.max(1, ...Object.values(policies).flatMap((c) => Object.values(c)));
  const x = (i) => left + (days.length < 2 ? plotWidth / 2 : (i * plotWidth) / (days.length - 1));
  const y = (n) => 10 + plotHeight - (n * plotHeight) / most;
  const image = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', id: 'chart',
    role: 'img', 'aria-label': 'Flags per policy per day' });
  image.append(svg('line', { x1: left, y1: y(0), x2: left + plotWidth, y2: y(0), class: 'axis' }),
    svg('line', { x1: left, y1: 10, x2: left, y2: y(0), class: 'axis' }),
    svg('text', { x: left - 6, y: y(most) + 4, 'text-anchor': 'end' }, String(most)),
    svg('text', { x: left - 6, y: y(0) + 4, 'text-anchor': 'end' }, '0'));
  const step = Math.max(1, Math.ceil(days.length / 8));
  days.forEach((day, i) => {
    if (i % step === 0) {
      image.append(svg('text', { x: x(i), y: height - bottom + 18, 'text-anchor': 'middle' }, day));
    }
  });
  Object.entries(policies).forEach(([policy, counts], index) => {
    const colour = COLOURS[index % COLOURS.length];
    const points = days.map((day, i) => `${x(i)},${y(counts[day] || 0)}`).join(' ');
    image.append(svg('polyline', { points, fill: 'none', stroke: colour, 'stroke-width': 2,
      'data-policy': policy }, svg('title', {}, policy)));
  });
  return image;
}

function legend({ policies }) {
  return el('table', { class: 'legend' },
    el('thead', {}, el('tr', {}, el('th', {}, 'policy'), el('th', {}, 'flags'))),
    el('tbody', {}, Object.entries(policies).map(([policy, counts], index) =>
      el('tr', {},
        el('td', {}, el('span', { class: `swatch c${index % COLOURS.length}` }), ' ', policy),
        el('td', {}, String(Object.values(counts).reduce((a, b) => a + b, 0)))))));
}

export function showDashboard(main) {
  const body = el('div', { id: 'dashboard' }, el('p', {}, 'Counting flags…'));
  main.append(el('h1', {}, 'Flags per policy over time'), body);
  allFlags()
    .then((flags) => {
      const counts = countByDay(flags);
      body.replaceChildren(
        el('p', { class: 'status' }, `${flags.length} flags in ${counts.days.length} days`),
        el('div', { class: 'columns' }, chart(counts), legend(counts)));
    })
    .catch((error) => body.replaceChildren(errorBox(error)));
}
