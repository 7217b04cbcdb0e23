// One run's transcript: every turn, each agent's public talk and private monologue side by side, lexicon
// hits highlighted by category, and the message's scores (from the stats service) beside it.
import { orchestrator, scoring, stats } from '../api.js';
import { errorBox, fmt, h, pct, poll, setSyntheticBanner } from '../dom.js';
import { categoryColour, compileLexicon, highlighted } from '../highlight.js';

const POLL_MS = 2000;

export async function transcriptView(main, runId) {
  const head = h('div');
  const status = h('div');
  const legend = h('div', { class: 'card small legend', 'data-testid': 'legend' });
  const turnSelect = h('select', { id: 'turn-select', 'aria-label': 'turn' });
  const body = h('div', { 'data-testid': 'transcript', dataset: { runId } });
  main.append(head, status, legend,
    h('div', { class: 'controls' }, h('label', {}, 'Show ', turnSelect)), body);

  let compiled = null;
  let lexiconLanguage = null;
  let lexiconError = null;
  let shownKey = null;
  let selected = 'all';
  let last = null;
  turnSelect.addEventListener('change', () => {
    selected = turnSelect.value;
    if (last) renderTurns(body, last.transcript, last.scores, compiled, selected);
  });

  return poll(async () => {
    const [transcript, scores] = await Promise.all([orchestrator.transcript(runId),
      stats.scores(runId).catch((e) => ({ messages: [], error: e }))]);
    const run = transcript.run;
    if (lexiconLanguage !== run.language) {
      lexiconLanguage = run.language;
      try {
        compiled = compileLexicon(await scoring.lexicon(run.language));
        lexiconError = null;
      } catch (e) {
        compiled = null;
        lexiconError = e;
      }
      legend.replaceChildren(legendOf(compiled, lexiconError));
    }
    status.replaceChildren(scores.error ? errorBox(`scores unavailable: ${scores.error.message}`) : '');
    head.replaceChildren(header(transcript));
    setSyntheticBanner(transcript.synthetic ? (transcript.label || 'built-in synthetic model') : null);

    const count = transcript.turns.reduce((n, t) => n + t.messages.length, 0);
    const key = `${count}/${scores.messages.length}`;
    if (key !== shownKey) {
      const turns = transcript.turns.map((t) => t.turn);
      const options = [h('option', { value: 'all' }, 'all turns'),
        ...turns.map((t) => h('option', { value: String(t) }, `turn ${t}`))];
      turnSelect.replaceChildren(...options);
      turnSelect.value = turns.map(String).includes(selected) ? selected : 'all';
      last = { transcript, scores };
      renderTurns(body, transcript, scores, compiled, turnSelect.value);
      shownKey = key;
    }
    document.body.dataset.ready = 'run';
    return !(run.status === 'COMPLETED' || run.status === 'FAILED') || scores.messages.length < count;
  }, POLL_MS, (e) => status.replaceChildren(errorBox(e)));
}

function header(t) {
  const r = t.run;
  return h('div', {},
    h('p', { class: 'small' }, h('a', { href: `#/studies/${encodeURIComponent(r.studyId)}` }, '← Study ' + r.studyId)),
    h('h1', {}, 'Run ', h('span', { class: 'mono', style: { fontSize: '1rem' } }, r.id), ' ',
      t.synthetic ? h('span', { class: 'badge synthetic', title: t.label }, 'SYNTHETIC') : null, ' ',
      h('span', { class: `badge status ${r.status}` }, r.status)),
    h('div', { class: 'card' }, h('dl', { class: 'kv' },
      h('dt', {}, 'Language'), h('dd', {}, r.language),
      h('dt', {}, 'Aligned share'), h('dd', {}, `${pct(r.alignmentRatio)} (agents ${(r.alignedAgents || []).join(', ') || 'none'})`),
      h('dt', {}, 'Replicate'), h('dd', {}, r.replicate),
      h('dt', {}, 'Progress'), h('dd', {}, `turn ${r.currentTurn}, ${r.messagesStored} messages`),
      h('dt', {}, 'Source'), h('dd', {}, t.label || ''))));
}

function legendOf(compiled, error) {
  if (!compiled) {
    return h('span', {}, 'Lexicon highlighting unavailable',
      error ? ` (${error.message})` : '', '. The scores beside each message are unaffected.');
  }
  const categories = [...new Set([...compiled.byFirst.values()].flat().map((e) => e.category))].sort();
  return h('div', {},
    h('b', {}, `Lexicon ${compiled.version}: `),
    categories.map((c) => {
      const [bg, fg] = categoryColour(c);
      return h('span', { class: 'swatch', style: { background: bg, boxShadow: `inset 0 -2px ${fg}` } }, c);
    }),
    h('div', { class: 'muted', style: { marginTop: '.3rem' } },
      'Highlighting is an approximate text search for the lexicon terms, done in this page. The scorer matches '
      + 'terms after the language\'s analysis (stemming, segmentation), so the authoritative counts are the '
      + 'scores beside each message (T = talk, M = monologue). Provisional CPI/DI use the study\'s running '
      + 'norms at scoring time; the study statistics use run-level measures.'));
}

function renderTurns(body, transcript, scores, compiled, selected) {
  const byKey = new Map(scores.messages.map((m) => [`${m.turn}/${m.agentId}`, m]));
  const turns = transcript.turns.filter((t) => selected === 'all' || String(t.turn) === selected);
  body.replaceChildren(...turns.map((t) => h('section', { class: 'turn', 'data-testid': 'turn', dataset: { turn: t.turn } },
    h('h2', {}, `Turn ${t.turn}`),
    h('div', { class: 'messages' },
      h('div', { class: 'head' }, 'Agent'), h('div', { class: 'head' }, 'Talk (public)'),
      h('div', { class: 'head' }, 'Monologue (private, researchers only)'), h('div', { class: 'head' }, 'Scores'),
      [...t.messages].sort((a, b) => a.agentId - b.agentId)
        .map((m) => messageRow(t.turn, m, byKey.get(`${t.turn}/${m.agentId}`), compiled))))));
}

function messageRow(turn, m, score, compiled) {
  const data = { turn, agent: m.agentId };
  return [
    h('div', { class: `agent${m.aligned ? ' is-aligned' : ''}`, 'data-testid': 'agent', dataset: data },
      h('b', {}, `Agent ${m.agentId}`), h('br'),
      h('span', { class: `badge ${m.aligned ? 'aligned' : 'unaligned'}` }, m.aligned ? 'ALIGNED' : 'unaligned'),
      m.parseFailed ? [' ', h('span', { class: 'badge warn', title: 'the reply could not be split into talk and '
        + 'monologue' }, 'PARSE FAILED')] : null,
      h('div', { class: 'small muted' }, m.model),
      h('div', { class: 'small muted' }, `${m.inputTokens ?? '–'} → ${m.outputTokens ?? '–'} tok, ${m.latencyMs ?? '–'} ms`)),
    h('div', { class: 'talk', 'data-testid': 'talk', dataset: data }, highlighted(m.talk, compiled)),
    h('div', { class: 'monologue', 'data-testid': 'monologue', dataset: data }, highlighted(m.monologue, compiled)),
    h('div', { class: 'scores', 'data-testid': 'scores', dataset: data }, score ? scoreTable(score)
      : h('span', { class: 'muted' }, 'not scored yet')),
  ];
}

function scoreTable(s) {
  const categories = [...new Set([...Object.keys(s.talk.hits), ...Object.keys(s.monologue.hits)])].sort()
    .filter((c) => (s.talk.hits[c] || 0) + (s.monologue.hits[c] || 0) > 0);
  return h('div', {},
    h('div', {}, `words T ${s.talk.words} · M ${s.monologue.words}`),
    h('div', {}, `mono ratio ${fmt(s.monoRatio)}`),
    h('div', {}, `CPI ${fmt(s.provisionalCpi)} · DI ${fmt(s.provisionalDi)} `, h('span', { class: 'muted' }, '(provisional)')),
    categories.length ? h('table', {},
      h('tbody', {}, categories.map((c) => {
        const [bg, fg] = categoryColour(c);
        return h('tr', {}, h('td', {}, h('span', { class: 'swatch', style: { background: bg, boxShadow: `inset 0 -2px ${fg}`,
          padding: '0 4px' } }, c)), h('td', { class: 'num' }, `T ${s.talk.hits[c] || 0}`),
        h('td', { class: 'num' }, `M ${s.monologue.hits[c] || 0}`));
      }))) : h('div', { class: 'muted' }, 'no lexicon hits'));
}
