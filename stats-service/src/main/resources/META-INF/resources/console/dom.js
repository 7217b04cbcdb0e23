// Tiny DOM helpers. Text always goes in as text nodes: transcripts are model output, never HTML.

/** h('div', {class: 'x', dataset: {a: 1}}, 'text', child, [more]) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'style' && typeof v === 'object') Object.assign(el.style, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function fmt(x, digits = 2) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  if (typeof x !== 'number') return String(x);
  return x.toFixed(digits);
}

export function fmtP(p) {
  if (p === null || p === undefined || Number.isNaN(p)) return '–';
  if (p < 0.0001) return '< .0001';
  return p.toFixed(4).replace(/^0/, '');
}

export function pct(x) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  return (100 * x).toFixed(1) + '%';
}

/** The synthetic banner: shown whenever the page shows anything from the synthetic model. */
export function setSyntheticBanner(label) {
  const banner = document.getElementById('synthetic-banner');
  banner.replaceChildren();
  if (!label) {
    banner.hidden = true;
    return;
  }
  banner.append(h('span', { class: 'tag' }, 'SYNTHETIC'), label);
  banner.hidden = false;
}

export function errorBox(e) {
  return h('div', { class: 'error', 'data-testid': 'error' }, String(e && e.message ? e.message : e));
}

/** Runs per state as a stacked bar (completed, failed, running, pending). */
export function progressBar(p) {
  const total = Math.max(1, p.total || 0);
  const seg = (cls, n) => h('span', { class: cls, style: { width: `${(100 * n) / total}%` }, title: `${cls}: ${n}` });
  return h('div', { class: 'bar', 'data-testid': 'progress-bar', role: 'img',
    'aria-label': `${p.completed} of ${p.total} runs completed` },
  seg('completed', p.completed), seg('failed', p.failed), seg('running', p.running), seg('pending', p.pending));
}

export function progressText(p) {
  return h('span', { class: 'small' },
    h('span', { class: 'legend-dot', style: { background: 'var(--completed)' } }), `${p.completed} completed`,
    h('span', { class: 'legend-dot', style: { background: 'var(--running)' } }), `${p.running} running`,
    h('span', { class: 'legend-dot', style: { background: 'var(--pending)' } }), `${p.pending} pending`,
    h('span', { class: 'legend-dot', style: { background: 'var(--failed)' } }), `${p.failed} failed`,
    ` · of ${p.total} runs · messages ${p.messagesStored.toLocaleString()} / ${p.messagesExpected.toLocaleString()}`);
}

/**
 * Calls fn now and then every intervalMs after the previous call finished, until the returned stop() is
 * called or fn returns false. Errors are handed to onError and polling goes on.
 */
export function poll(fn, intervalMs, onError) {
  let stopped = false;
  let timer = null;
  const tick = async () => {
    let again = true;
    try {
      again = (await fn()) !== false;
    } catch (e) {
      if (onError) onError(e);
    }
    if (!stopped && again) timer = setTimeout(tick, intervalMs);
  };
  tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
