// The studies, newest first, with live progress (polled every 2 s).
import { orchestrator, stats } from '../api.js';
import { errorBox, h, poll, progressBar, progressText, setSyntheticBanner } from '../dom.js';

const POLL_MS = 2000;

export async function studiesView(main) {
  const list = h('div', { 'data-testid': 'studies' });
  const status = h('div');
  main.append(h('h1', {}, 'Studies'),
    h('p', { class: 'muted small' }, 'Live from the orchestrator (runs, messages) and the stats service '
      + '(runs counted in the statistics); refreshed every 2 s.'), status, list);

  return poll(async () => {
    const [studies, counted] = await Promise.all([orchestrator.studies(),
      stats.studies().catch(() => [])]);
    const inStats = new Map(counted.map((s) => [s.studyId, s]));
    studies.sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
    status.replaceChildren();
    list.replaceChildren(...(studies.length ? studies.map((s) => row(s, inStats.get(s.id)))
      : [h('p', { class: 'muted' }, 'No study yet. Submit one with POST /studies on the orchestrator '
        + '(or ./backfire run <spec>).')]));
    const synthetic = studies.filter((s) => s.synthetic).length;
    setSyntheticBanner(synthetic ? `${synthetic} of ${studies.length} studies below ran on the built-in synthetic `
      + 'model: their transcripts and effects come from its parameters, not from a language model.' : null);
    document.body.dataset.ready = 'studies';
  }, POLL_MS, (e) => status.replaceChildren(errorBox(e)));
}

function row(s, st) {
  const p = s.progress;
  return h('div', { class: 'card study-row', 'data-testid': 'study-row', dataset: { studyId: s.id } },
    h('h3', {}, h('a', { href: `#/studies/${encodeURIComponent(s.id)}` }, s.name || s.id), ' ',
      s.synthetic ? h('span', { class: 'badge synthetic', title: s.label }, 'SYNTHETIC') : null, ' ',
      h('span', { class: `badge status ${s.status}` }, s.status)),
    h('div', { class: 'meta' },
      h('span', { class: 'mono' }, s.id),
      h('span', {}, 'model ', h('b', {}, s.model)),
      h('span', {}, 'languages ', h('b', {}, (s.languages || []).join(', '))),
      h('span', { class: 'muted small' }, s.createdAt ? new Date(s.createdAt).toLocaleString() : '')),
    h('div', { class: 'meta', style: { marginTop: '.4rem' } }, progressBar(p), progressText(p)),
    h('div', { class: 'small muted', style: { marginTop: '.2rem' } },
      st ? `In the statistics: ${st.includedRuns} of ${st.totalRuns} runs${st.failedRuns ? `, ${st.failedRuns} failed` : ''}`
        : 'Not in the statistics yet.'));
}
