// Charts with Chart.js (vendor/chart.umd.min.js, loaded as a classic script: window.Chart).
const Chart = window.Chart;

export const DIRECTION_COLOURS = { BACKFIRE: '#c62828', SAFETY: '#2e7d32', NULL: '#6b7280' };
const LANGUAGE_COLOURS = ['#1565c0', '#c62828', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f', '#ad1457', '#5d4037',
  '#283593', '#9e9d24', '#4e342e', '#0277bd', '#d84315', '#558b2f', '#37474f', '#8e24aa'];

export function languageColour(i) {
  return LANGUAGE_COLOURS[i % LANGUAGE_COLOURS.length];
}

/** A vertical rule at x = 0 (no effect) on a horizontal chart. */
const zeroLine = {
  id: 'zeroLine',
  afterDatasetsDraw(chart) {
    const x = chart.scales.x;
    if (!x || x.min > 0 || x.max < 0) return;
    const px = x.getPixelForValue(0);
    const { top, bottom } = chart.chartArea;
    const ctx = chart.ctx;
    ctx.save();
    ctx.strokeStyle = '#374151';
    ctx.setLineDash([4, 3]);
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(px, top);
    ctx.lineTo(px, bottom);
    ctx.stroke();
    ctx.restore();
  },
};

/**
 * Forest plot: per language, Hedges' g (marker) with its 95% CI (bar), coloured by direction.
 * rows: [{language, g, ciLow, ciHigh, direction, p, pHolm}]
 */
export function forestPlot(canvas, title, rows) {
  const labels = rows.map((r) => r.language);
  const colours = rows.map((r) => DIRECTION_COLOURS[r.direction] || DIRECTION_COLOURS.NULL);
  canvas.dataset.languages = labels.join(',');
  return new Chart(canvas, {
    data: {
      labels,
      datasets: [
        { type: 'bar', label: '95% CI', data: rows.map((r) => (r.ciLow == null ? null : [r.ciLow, r.ciHigh])),
          backgroundColor: colours.map((c) => c + '99'), borderColor: colours, borderWidth: 1, barThickness: 8,
          order: 2 },
        { type: 'line', label: "Hedges' g", data: rows.map((r) => r.g), showLine: false, pointRadius: 7,
          pointHoverRadius: 8, pointStyle: 'rectRot', pointBackgroundColor: colours, pointBorderColor: '#111',
          order: 1 },
      ],
    },
    options: {
      indexAxis: 'y',
      animation: false,
      maintainAspectRatio: false,
      plugins: {
        title: { display: true, text: title },
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (ctx) => {
              const r = rows[ctx.dataIndex];
              return `${r.language}: g = ${num(r.g)} [${num(r.ciLow)}, ${num(r.ciHigh)}] ${r.direction || ''}`
                + ` p = ${num(r.p, 4)}, Holm p = ${num(r.pHolm, 4)}`;
            },
          },
        },
      },
      scales: {
        x: { title: { display: true, text: "Hedges' g (100% vs 0% aligned), 95% CI" }, grace: '5%' },
        y: { title: { display: false } },
      },
    },
    plugins: [zeroLine],
  });
}

/**
 * Cell means against the alignment ratio, one line per language.
 * cells: [{language, alignmentRatio, cpiMean, diMean, runs}]; field: 'cpiMean' or 'diMean'
 */
export function doseResponse(canvas, title, cells, field, languages) {
  const datasets = languages.map((language, i) => ({
    label: language,
    data: cells.filter((c) => c.language === language && c[field] != null)
      .sort((a, b) => a.alignmentRatio - b.alignmentRatio)
      .map((c) => ({ x: c.alignmentRatio, y: c[field], runs: c.runs })),
    borderColor: languageColour(i),
    backgroundColor: languageColour(i),
    pointRadius: 4,
    tension: 0,
  }));
  canvas.dataset.languages = languages.join(',');
  return new Chart(canvas, {
    type: 'line',
    data: { datasets },
    options: {
      animation: false,
      maintainAspectRatio: false,
      parsing: false,
      plugins: {
        title: { display: true, text: title },
        tooltip: {
          callbacks: {
            label: (ctx) => `${ctx.dataset.label}: ratio ${ctx.raw.x} mean ${num(ctx.raw.y)} (${ctx.raw.runs} runs)`,
          },
        },
      },
      scales: {
        x: { type: 'linear', min: 0, max: 1, title: { display: true, text: 'share of aligned agents' },
          ticks: { callback: (v) => `${Math.round(v * 100)}%` } },
        y: { title: { display: true, text: 'mean of run-level measure' } },
      },
    },
  });
}

function num(x, digits = 2) {
  return x == null || Number.isNaN(x) ? '–' : Number(x).toFixed(digits);
}
