// DOM building for hostile text: every string becomes a text node, never parsed as markup.
// Posts, names and channels come from outside.

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const SVG = 'http://www.w3.org/2000/svg';

function build(node, props, children) {
  for (const [name, value] of Object.entries(props || {})) {
    if (name === 'class') {
      node.setAttribute('class', value);
    } else if (name.startsWith('on')) {
      node.addEventListener(name.slice(2), value);
    } else if (value !== undefined && value !== null && value !== false) {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

// el('a', {href: '#/x'}, 'text', otherNode)
export function el(tag, props, ...children) {
  return build(document.createElement(tag), props, children);
}

export function svg(tag, props, ...children) {
  return build(document.createElementNS(SVG, tag), props, children);
}

// The text with the byte spans [begin, end) of its UTF-8 encoding in <mark>: the flags' spans
// count bytes, JavaScript strings UTF-16 units. Overlaps are merged; spans past the end cut.
export function highlighted(text, spans) {
  const bytes = encoder.encode(text || '');
  const sorted = spans
    .map((s) => ({ ...s, begin: Math.max(0, Math.min(s.begin, bytes.length)),
      end: Math.max(0, Math.min(s.end, bytes.length)) }))
    .filter((s) => s.end > s.begin)
    .sort((a, b) => a.begin - b.begin);
  const out = document.createDocumentFragment();
  let at = 0;
  for (const span of sorted) {
    const begin = Math.max(span.begin, at);
    if (span.end <= begin) {
      continue;
    }
    if (begin > at) {
      out.append(decoder.decode(bytes.subarray(at, begin)));
    }
    out.append(el('mark', { title: span.title }, decoder.decode(bytes.subarray(begin, span.end))));
    at = span.end;
  }
  if (at < bytes.length) {
    out.append(decoder.decode(bytes.subarray(at)));
  }
  return out;
}

const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

// A search snippet (escaped HTML with matches in <mark>) as text nodes and <mark> elements:
// only <mark> is read as markup, everything else is text.
export function snippet(html) {
  const out = document.createDocumentFragment();
  let mark = null;
  for (const part of (html || '').split(/(<\/?mark>)/)) {
    if (part === '<mark>') {
      mark = el('mark');
      out.append(mark);
    } else if (part === '</mark>') {
      mark = null;
    } else if (part) {
      (mark || out).append(part.replace(/&(amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m]));
    }
  }
  return out;
}

// An error as the page shows it: the server's JSON, or the message.
export function errorBox(error) {
  return el('p', { class: 'error', role: 'alert' },
    typeof error.describe === 'function' ? error.describe() : String(error.message || error));
}

export function shortTime(iso) {
  return (iso || '').replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
}
