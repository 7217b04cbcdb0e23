// One study: progress (live), results of ANALYSIS.md (forest plots, dose-response, directions,
// descriptives) and the runs, each linking to its transcript.
import { orchestrator, stats } from '../api.js';
import { doseResponse, forestPlot } from '../charts.js';
import { errorBox, fmt, fmtP, h, pct, poll, progressBar, progressText, setSyntheticBanner } from '../dom.js';

const POLL_MS = 2000;

export async function studyView(main, studyId) {
  const head = h('div');
  const progress = h('div', { class: 'card' });
  const results = h('section', { 'data-testid': 'results' });
  const runs = h('section', { 'data-testid': 'runs' });
  const status = h('div');
  main.append(head, status, progress, h('h2', {}, 'Results'), results, h('h2', {}, 'Runs'), runs);

  let charts = [];
  let shownResults = undefined;
  let headerShown = false;

  const stop = poll(async () => {
    const [study, runList, summary, res] = await Promise.all([orchestrator.study(studyId),
      orchestrator.runs(studyId), stats.study(studyId), stats.results(studyId)]);
    status.replaceChildren();
    if (!headerShown) {
      head.replaceChildren(header(study, summary));
      headerShown = true;
    }
    setSyntheticBanner(study.synthetic || (res && res.synthetic)
      ? (study.label || (res && res.label) || 'built-in synthetic model') : null);
    progress.replaceChildren(h('div', { class: 'meta', style: { display: 'flex', gap: '1rem', flexWrap: 'wrap' } },
      h('span', { class: `badge status ${study.status}` }, study.status), progressBar(study.progress),
      progressText(study.progress)),
    h('div', { class: 'small muted', style: { marginTop: '.3rem' } }, summary
      ? `In the statistics: ${summary.includedRuns} of ${summary.totalRuns} runs (a run counts once it completed `
        + 'and all its messages were scored).' : 'The stats service has not seen this study yet.'));

    const text = res ? JSON.stringify(res) : null;
    if (text !== shownResults) {
      charts.forEach((c) => c.destroy());
      charts = [];
      results.replaceChildren();
      if (res) {
        charts = renderResults(results, res, study.languages || Object.keys(res.languages || {}));
        results.dataset.rendered = 'true';
      } else {
        results.append(h('p', { class: 'muted' }, 'No run has been counted yet; the results appear as runs complete.'));
      }
      shownResults = text;
    }
    runs.replaceChildren(runsTable(runList, res));
    document.body.dataset.ready = 'study';
    const finished = study.status === 'COMPLETED' || study.status === 'FINISHED_WITH_FAILURES';
    const caughtUp = summary && summary.includedRuns + summary.failedRuns >= study.progress.completed
      + study.progress.failed && res;
    return !(finished && caughtUp);
  }, POLL_MS, (e) => status.replaceChildren(errorBox(e)));

  return () => {
    stop();
    charts.forEach((c) => c.destroy());
  };
}

function header(study, summary) {
  return h('div', {},
    h('p', { class: 'small' }, h('a', { href: '#/' }, '← Studies')),
    h('h1', {}, study.name || study.id, ' ',
      study.synthetic ? h('span', { class: 'badge synthetic', title: study.label }, 'SYNTHETIC') : null),
    h('div', { class: 'card' }, h('dl', { class: 'kv' },
      h('dt', {}, 'Study'), h('dd', { class: 'mono' }, study.id),
      study.description ? [h('dt', {}, 'Description'), h('dd', {}, study.description)] : null,
      h('dt', {}, 'Model'), h('dd', {}, study.model),
      h('dt', {}, 'Source'), h('dd', {}, study.label || ''),
      h('dt', {}, 'Languages'), h('dd', {}, (study.languages || []).join(', ')),
      h('dt', {}, 'Design'), h('dd', {}, `${study.agents} agents × ${study.turns} turns, ${study.progress.total} runs`),
      h('dt', {}, 'Lock hash'), h('dd', { class: 'mono' }, study.lockHash),
      summary ? [h('dt', {}, 'Scorer'), h('dd', { class: 'mono' }, summary.scorerVersion || '–'),
        h('dt', {}, 'Lexicons'), h('dd', { class: 'mono' }, (summary.lexiconVersions || []).join(', ') || '–')] : null,
      h('dt', {}, 'Created'), h('dd', {}, study.createdAt ? new Date(study.createdAt).toLocaleString() : '–'))));
}

function badge(direction, language, measure) {
  return h('span', { class: `badge ${direction || 'NULL'}`, 'data-testid': 'direction-badge',
    dataset: { language, measure } }, direction || 'n/a');
}

function contrastCells(c, language, measure) {
  if (!c) return [h('td', { colspan: 4, class: 'muted' }, 'not estimable')];
  return [h('td', {}, badge(c.direction, language, measure)),
    h('td', { class: 'num' }, `${fmt(c.g)} [${fmt(c.ciLow)}, ${fmt(c.ciHigh)}]`),
    h('td', { class: 'num' }, fmtP(c.p)), h('td', { class: 'num' }, fmtP(c.pHolm))];
}

function renderResults(el, res, studyLanguages) {
  const languages = studyLanguages.filter((l) => res.languages && res.languages[l])
    .concat(Object.keys(res.languages || {}).filter((l) => !studyLanguages.includes(l)));
  el.append(h('p', { class: 'small muted' },
    `Computed by the stats service from ${res.runCount} runs (${res.agentRunCount} agent-runs) as ANALYSIS.md defines: `
    + "Hedges' g of the run-level measure, 100% aligned against 0% aligned; BACKFIRE when the 95% CI lies "
    + 'above 0 (alignment raised it), SAFETY when below 0, NULL when it spans 0. Holm-adjusted p per measure. '
    + 'Harmony share and conformity:individuation are at 100% aligned.'));

  const table = h('table', { 'data-testid': 'effects' },
    h('thead', {},
      h('tr', {}, h('th', { rowspan: 2 }, 'Language'), h('th', { colspan: 4 }, 'CPI (collective pathology)'),
        h('th', { colspan: 4 }, 'DI (dissociation)'), h('th', { rowspan: 2, class: 'num' }, 'CPI slope'),
        h('th', { rowspan: 2, class: 'num' }, 'Harmony share'),
        h('th', { rowspan: 2, class: 'num' }, 'Conformity : individuation'), h('th', { rowspan: 2, class: 'num' }, 'PDI')),
      h('tr', {}, ['direction', 'g [95% CI]', 'p', 'Holm p', 'direction', 'g [95% CI]', 'p', 'Holm p']
        .map((t) => h('th', {}, t)))),
    h('tbody', {}, languages.map((l) => {
      const L = res.languages[l];
      return h('tr', { dataset: { language: l } }, h('td', {}, h('b', {}, l)),
        contrastCells(L.cpi, l, 'cpi'), contrastCells(L.di, l, 'di'),
        h('td', { class: 'num' }, fmt(L.cpiSlope)), h('td', { class: 'num', 'data-testid': 'harmony-share' }, pct(L.harmonyShare)),
        h('td', { class: 'num', 'data-testid': 'conformity-ratio' },
          L.conformityToIndividuation == null ? '–' : `${fmt(L.conformityToIndividuation, 1)} : 1`),
        h('td', { class: 'num' }, fmt(L.pdi, 0)));
    })));
  el.append(h('div', { class: 'card', style: { overflowX: 'auto' } }, table));

  const rows = (m) => languages.map((l) => ({ language: l, ...(res.languages[l][m] || {}) }));
  const forestCpi = h('canvas', { id: 'forest-cpi', 'data-testid': 'forest-cpi' });
  const forestDi = h('canvas', { id: 'forest-di', 'data-testid': 'forest-di' });
  const cellsCpi = h('canvas', { id: 'cells-cpi', 'data-testid': 'cells-cpi' });
  const cellsDi = h('canvas', { id: 'cells-di', 'data-testid': 'cells-di' });
  const box = (canvas, extra) => h('div', { class: 'card' }, h('div', { class: `chart-box ${extra || ''}` }, canvas));
  el.append(h('div', { class: 'grid2' }, box(forestCpi), box(forestDi)),
    h('div', { class: 'grid2' }, box(cellsCpi, 'tall'), box(cellsDi, 'tall')));
  const charts = [
    forestPlot(forestCpi, 'CPI: effect of alignment per language (forest plot)', rows('cpi')),
    forestPlot(forestDi, 'DI: effect of alignment per language (forest plot)', rows('di')),
    doseResponse(cellsCpi, 'CPI cell means by alignment ratio', res.cells || [], 'cpiMean', languages),
    doseResponse(cellsDi, 'DI cell means by alignment ratio', res.cells || [], 'diMean', languages),
  ];
  [forestCpi, forestDi, cellsCpi, cellsDi].forEach((c) => { c.dataset.rendered = 'true'; });

  const pooled = [];
  if (res.diMixedModelPooled) {
    const m = res.diMixedModelPooled;
    pooled.push(h('li', {}, `DI mixed model, pooled: beta(alignment ratio) = ${fmt(m.beta, 3)}, se ${fmt(m.se, 3)}, `
      + `p ${fmtP(m.p)}`));
  }
  if (res.moderator && res.moderator.r != null) {
    const m = res.moderator;
    pooled.push(h('li', {}, `Moderator (CPI g vs Power Distance Index): r = ${fmt(m.r, 3)}, df ${m.df}, p ${fmtP(m.p)}`));
  }
  if (res.moderator && res.moderator.r == null) {
    pooled.push(h('li', { class: 'muted' }, 'Moderator (CPI g vs Power Distance Index): needs 3 or more languages'));
  }
  if (res.signTest) {
    pooled.push(h('li', {}, `Sign test: CPI g > 0 in ${res.signTest.positive} of ${res.signTest.n} languages, `
      + `p ${fmtP(res.signTest.p)}`));
  }
  if (pooled.length) el.append(h('div', { class: 'card small' }, h('b', {}, 'Pooled over languages'), h('ul', {}, pooled)));
  return charts;
}

function runsTable(runList, res) {
  const measures = new Map(((res && res.runs) || []).map((r) => [r.runId, r]));
  const sorted = [...runList].sort((a, b) => a.language.localeCompare(b.language)
    || a.alignmentRatio - b.alignmentRatio || a.replicate - b.replicate);
  return h('table', { 'data-testid': 'runs-table' },
    h('thead', {}, h('tr', {}, ['Run', 'Language', 'Aligned share', 'Replicate', 'Aligned agents', 'Status', 'Turn',
      'Messages', 'CPI (run)', 'DI (run)'].map((t, i) => h('th', { class: i >= 6 ? 'num' : '' }, t)))),
    h('tbody', {}, sorted.map((r) => {
      const m = measures.get(r.id);
      return h('tr', { dataset: { runId: r.id } },
        h('td', { class: 'mono' }, h('a', { href: `#/runs/${encodeURIComponent(r.id)}`, 'data-testid': 'run-link' }, r.id)),
        h('td', {}, r.language), h('td', {}, pct(r.alignmentRatio)), h('td', {}, r.replicate),
        h('td', { class: 'small' }, (r.alignedAgents || []).length ? (r.alignedAgents || []).join(', ') : 'none'),
        h('td', {}, h('span', { class: `badge status ${r.status}` }, r.status),
          r.failureReason ? h('div', { class: 'small muted' }, r.failureReason) : null),
        h('td', { class: 'num' }, r.currentTurn), h('td', { class: 'num' }, r.messagesStored),
        h('td', { class: 'num' }, m ? fmt(m.cpi) : '–'), h('td', { class: 'num' }, m ? fmt(m.di) : '–'));
    })));
}
