// Backfire Lab console: a small single-page app (plain ES modules, no build step). Routes:
//   #/               studies with live progress
//   #/studies/<id>   one study: progress, results (forest plots, dose-response, directions), runs
//   #/runs/<id>      one run's transcript: talk and monologue side by side, lexicon hits, scores
import { config, statsBase } from './api.js';
import { errorBox, h, setSyntheticBanner } from './dom.js';
import { studiesView } from './views/studies.js';
import { studyView } from './views/study.js';
import { transcriptView } from './views/transcript.js';

const main = document.getElementById('main');
let cleanup = null;

function route() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const parts = hash.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'studies', view: studiesView, args: [] };
  if (parts[0] === 'studies' && parts[1]) return { name: 'study', view: studyView, args: [parts[1]] };
  if (parts[0] === 'runs' && parts[1]) return { name: 'run', view: transcriptView, args: [parts[1]] };
  return null;
}

async function render() {
  if (cleanup) {
    cleanup();
    cleanup = null;
  }
  setSyntheticBanner(null);
  delete document.body.dataset.ready;
  const r = route();
  main.replaceChildren();
  if (!r) {
    main.append(h('p', {}, 'Unknown page. ', h('a', { href: '#/' }, 'Back to the studies.')));
    return;
  }
  document.body.dataset.view = r.name;
  try {
    cleanup = await r.view(main, ...r.args);
  } catch (e) {
    main.append(errorBox(e));
  }
}

window.addEventListener('hashchange', render);
config().then((c) => {
  document.getElementById('where').textContent =
    `stats ${statsBase} · orchestrator ${c.orchestratorUrl} · scoring ${c.scoringUrl}`;
}).catch((e) => main.prepend(errorBox(`console configuration unavailable: ${e.message}`)));
render();
