// Drives the web console in headless Chromium and prints one JSON report of what the pages show; the
// JUnit test (ConsoleBrowserTest) asserts on it. Screenshots go to <out>.
//
//   node check.mjs --stats <stats base URL> --study <id> --run <run id> [--run2 <run id>] --out <dir>
//
// --run is opened through the study page's runs table; --run2 (optional, another language) directly.
//
// Chromium: $CHROMIUM or /usr/bin/chromium (Debian's package; Playwright never downloads a browser here).
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
for (const required of ['stats', 'study', 'run', 'out']) {
  if (!args[required]) {
    console.error(`missing --${required}; usage: node check.mjs --stats <url> --study <id> --run <id> --out <dir>`);
    process.exit(2);
  }
}
mkdirSync(args.out, { recursive: true });
const TIMEOUT = Number(process.env.CONSOLE_CHECK_TIMEOUT_MS || 60000);

// The flags that work on these machines: no sandbox as root, and no background networking (the network
// is closed; Chromium's own connections would be refused).
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const report = { errors: [] };
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, deviceScaleFactor: 1 });
  page.setDefaultTimeout(TIMEOUT);
  page.on('pageerror', (e) => report.errors.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') report.errors.push(`console: ${m.text()}`); });
  page.on('requestfailed', (r) => report.errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  const base = args.stats.replace(/\/$/, '');
  const banner = () => page.evaluate(() => {
    const b = document.getElementById('synthetic-banner');
    return { visible: !!b && !b.hidden && b.offsetHeight > 0, text: b ? b.textContent : '' };
  });

  // 1. Studies list.
  await page.goto(`${base}/console/#/`);
  await page.waitForSelector(`[data-testid=study-row][data-study-id="${args.study}"]`);
  report.studies = await page.evaluate((id) => {
    const row = document.querySelector(`[data-testid=study-row][data-study-id="${id}"]`);
    return {
      rows: document.querySelectorAll('[data-testid=study-row]').length,
      text: row.innerText,
      progressBars: row.querySelectorAll('[data-testid=progress-bar]').length,
      syntheticBadge: !!row.querySelector('.badge.synthetic'),
    };
  }, args.study);
  report.studies.banner = await banner();
  await page.screenshot({ path: join(args.out, 'console-studies.png') });

  // 2. The study: results and runs.
  await page.goto(`${base}/console/#/studies/${encodeURIComponent(args.study)}`);
  await page.waitForSelector('[data-testid=results][data-rendered=true] canvas#forest-cpi[data-rendered=true]');
  await page.waitForSelector('[data-testid=runs-table] [data-testid=run-link]');
  report.study = await page.evaluate(() => {
    const chart = (id) => {
      const c = window.Chart.getChart(document.getElementById(id));
      if (!c) return null;
      return {
        labels: c.data.labels || [],
        datasets: c.data.datasets.map((d) => ({ label: d.label, points: d.data.filter((v) => v != null).length })),
        width: c.width,
        height: c.height,
      };
    };
    return {
      forestCpi: chart('forest-cpi'),
      forestDi: chart('forest-di'),
      cellsCpi: chart('cells-cpi'),
      cellsDi: chart('cells-di'),
      badges: [...document.querySelectorAll('[data-testid=direction-badge]')].map((b) => ({
        language: b.dataset.language, measure: b.dataset.measure, text: b.textContent })),
      harmonyShares: [...document.querySelectorAll('[data-testid=harmony-share]')].map((e) => e.textContent),
      conformityRatios: [...document.querySelectorAll('[data-testid=conformity-ratio]')].map((e) => e.textContent),
      runLinks: document.querySelectorAll('[data-testid=run-link]').length,
    };
  });
  report.study.banner = await banner();
  await page.screenshot({ path: join(args.out, 'console-study.png'), fullPage: true });

  // 3. The transcript viewer, through the runs table's link.
  await page.click(`[data-testid=run-link][href="#/runs/${encodeURIComponent(args.run)}"]`);
  await page.waitForSelector('[data-testid=turn][data-turn="1"] [data-testid=scores] table, '
    + '[data-testid=turn][data-turn="1"] [data-testid=scores] div');
  await page.waitForFunction(() => document.querySelectorAll(
    '[data-testid=turn][data-turn="1"] [data-testid=scores]').length > 0
    && [...document.querySelectorAll('[data-testid=turn][data-turn="1"] [data-testid=scores]')]
      .every((s) => !s.textContent.includes('not scored yet')));
  await page.selectOption('#turn-select', '1');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=turn]').length === 1);
  report.transcript = await transcriptFacts(page);
  report.transcript.banner = await banner();
  await page.screenshot({ path: join(args.out, 'console-transcript.png'), fullPage: true });

  if (args.run2) {
    await page.goto(`${base}/console/#/runs/${encodeURIComponent(args.run2)}`);
    await page.waitForFunction((id) => {
      const scores = [...document.querySelectorAll(`[data-testid=transcript][data-run-id="${id}"] `
        + '[data-testid=turn][data-turn="1"] [data-testid=scores]')];
      return scores.length > 0 && scores.every((s) => !s.textContent.includes('not scored yet'));
    }, args.run2);
    await page.selectOption('#turn-select', '1');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=turn]').length === 1);
    report.transcript2 = await transcriptFacts(page);
    report.transcript2.banner = await banner();
    await page.screenshot({ path: join(args.out, 'console-transcript-2.png'), fullPage: true });
  }
} catch (e) {
  report.errors.push(`check failed: ${e.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
console.log(JSON.stringify(report));

/** What turn 1 of the transcript on screen shows. */
function transcriptFacts(page) {
  return page.evaluate(() => {
    const turn = document.querySelector('[data-testid=turn][data-turn="1"]');
    const cells = (id) => [...turn.querySelectorAll(`[data-testid=${id}]`)];
    const marks = [...turn.querySelectorAll('mark.hit')];
    return {
      route: location.hash,
      agents: cells('agent').map((a) => Number(a.dataset.agent)),
      alignedMarked: cells('agent').filter((a) => a.querySelector('.badge.aligned')).length,
      talk: cells('talk').map((t) => t.textContent.trim().length),
      monologue: cells('monologue').map((t) => t.textContent.trim().length),
      sideBySide: cells('talk').every((t, i) => {
        const m = cells('monologue')[i];
        const a = t.getBoundingClientRect();
        const b = m.getBoundingClientRect();
        return Math.abs(a.top - b.top) < 2 && b.left > a.left;
      }),
      scored: cells('scores').filter((s) => /words T \d+/.test(s.textContent)).length,
      hits: marks.length,
      hitCategories: [...new Set(marks.map((m) => m.dataset.category))].sort(),
      legend: document.querySelector('[data-testid=legend]').innerText,
    };
  });
}
