// The operator dashboard: KPIs per day as uPlot charts with changelog markers, tables per flow, template and
// variant, SLA breaches per queue, experiments (when that API exists) and a campaign's progress. Reads the APIs with the signed-in key.

const KEY_ITEM = 'chatrouter.dashboard.key';
const $ = (id) => document.getElementById(id);
const charts = [];
// Each load gets a number; a slower earlier load (another range) must not overwrite a later one.
let loads = 0;

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function get(path) {
  const key = sessionStorage.getItem(KEY_ITEM);
  const response = await fetch(path, { headers: { Accept: 'application/json', Authorization: `Bearer ${key}` }, cache: 'no-store', credentials: 'omit' });
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, body?.detail ?? body?.title ?? `HTTP ${response.status}`);
  return body;
}

function day(offset) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

const percent = (v) => (v == null ? '–' : `${(v * 100).toFixed(1)} %`);
const seconds = (v) => (v == null ? '–' : `${v} s`);

function cell(row, text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  td.dir = 'auto';
  if (className) td.className = className;
  row.append(td);
}

function table(id, rows) {
  const element = $(id);
  element.replaceChildren();
  const head = element.createTHead().insertRow();
  for (const [name, numeric] of [['Key', false], ['Sent', true], ['Delivered', true], ['Read', true], ['Replied', true], ['Opt-out', true], ['Conversions', true]]) {
    const th = document.createElement('th');
    th.textContent = name;
    if (numeric) th.className = 'num';
    head.append(th);
  }
  const body = element.createTBody();
  if (rows.length === 0) {
    cell(body.insertRow(), 'No data in this range');
    return;
  }
  for (const r of rows) {
    const tr = body.insertRow();
    cell(tr, r.key, 'key');
    cell(tr, String(r.sent), 'num');
    cell(tr, percent(r.deliveryRate), 'num');
    cell(tr, percent(r.readRate), 'num');
    cell(tr, percent(r.replyRate), 'num');
    cell(tr, percent(r.optOutRate), 'num');
    cell(tr, `${r.conversions} (${percent(r.conversionRate)})`, 'num');
  }
}

// Handoffs that waited past their queue's SLA (measured against the SLA configured now).
function slaTable(rows) {
  const element = $('sla-table');
  element.replaceChildren();
  const head = element.createTHead().insertRow();
  for (const [name, numeric] of [['Queue', false], ['SLA', true], ['Handoffs', true], ['Breached', true]]) {
    const th = document.createElement('th');
    th.textContent = name;
    if (numeric) th.className = 'num';
    head.append(th);
  }
  const body = element.createTBody();
  if (rows.length === 0) cell(body.insertRow(), 'No handoffs in this range');
  for (const r of rows) {
    const tr = body.insertRow();
    cell(tr, r.queue, 'key');
    cell(tr, seconds(r.slaSeconds), 'num');
    cell(tr, String(r.handoffs), 'num');
    cell(tr, `${r.breached} (${percent(r.handoffs ? r.breached / r.handoffs : null)})`, 'num');
  }
}

// Vertical lines on the canvas, and one element per entry over the plot (title: what changed), at its instant.
function markersPlugin(entries) {
  return {
    hooks: {
      draw: [(u) => {
        const { ctx } = u;
        ctx.save();
        ctx.strokeStyle = 'rgba(214, 110, 0, 0.8)';
        ctx.lineWidth = 2 * devicePixelRatio;
        for (const e of entries) {
          const x = Math.round(u.valToPos(e.t, 'x', true));
          if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
          ctx.beginPath();
          ctx.moveTo(x, u.bbox.top);
          ctx.lineTo(x, u.bbox.top + u.bbox.height);
          ctx.stroke();
        }
        ctx.restore();
        u.over.querySelectorAll('.marker').forEach((m) => m.remove());
        for (const e of entries) {
          const left = u.valToPos(e.t, 'x');
          if (left < 0 || left > u.over.clientWidth) continue;
          const marker = document.createElement('div');
          marker.className = 'marker';
          marker.style.left = `${left}px`;
          marker.title = `${e.kind} ${e.id}: ${e.summary}`;
          u.over.append(marker);
        }
      }],
    },
  };
}

function chart(id, title, days, series, entries, percentScale) {
  const element = $(id);
  element.replaceChildren();
  const width = Math.max(300, element.clientWidth);
  const x = days.map((d) => Date.parse(`${d.key}T00:00:00Z`) / 1000);
  const colors = ['#1f77b4', '#2ca02c', '#9467bd', '#d62728', '#17becf', '#8c564b'];
  const options = {
    title,
    width,
    height: 260,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    // The axis runs to the latest changelog entry too, so today's changes are marked.
    scales: { x: { time: true, range: (u, min, max) => [min, Math.max(max, ...entries.map((e) => e.t))] } },
    axes: [{}, { values: (u, ticks) => ticks.map((t) => (percentScale ? `${Math.round(t * 100)} %` : `${t}`)) }],
    series: [{}, ...series.map((s, i) => ({ label: s.label, stroke: colors[i % colors.length], width: 2, spanGaps: true }))],
    plugins: [markersPlugin(entries)],
  };
  charts.push(new uPlot(options, [x, ...series.map((s) => days.map(s.value))], element));
}

async function experiments() {
  const element = $('experiments');
  try {
    // Asked of the OpenAPI document first: a 404 from a missing API would be a console error.
    const api = await fetch('/openapi/v1.json', { cache: 'no-store', credentials: 'omit' }).then((r) => (r.ok ? r.json() : null)).catch(() => null);
    if (!api?.paths?.['/api/experiments']) {
      element.textContent = 'No experiments (this server has no experiments API).';
      return;
    }
    const list = await get('/api/experiments');
    const items = Array.isArray(list) ? list : list?.experiments ?? [];
    if (items.length === 0) {
      element.textContent = 'No experiments.';
      return;
    }
    element.replaceChildren(...items.map((x) => {
      const p = document.createElement('p');
      p.dir = 'auto';
      p.innerHTML = '<span class="name"></span>: <span class="verdict"></span> <span class="muted small"></span>';
      p.querySelector('.name').textContent = x.name ?? '?';
      p.querySelector('.verdict').textContent = x.verdict ?? '';
      const assigned = (x.variants ?? []).map((v) => `${v.variant} ${v.assigned}`).join(', ');
      p.querySelector('.small').textContent = `(${x.status}; assigned: ${assigned || 'none'})`;
      return p;
    }));
  } catch (e) {
    if (e.status === 404) element.textContent = 'No experiments (this server has no experiments API).';
    else element.textContent = `Experiments could not be read: ${e.message}`;
  }
}

async function campaign(id) {
  const element = $('campaign');
  try {
    const c = await get(`/api/campaigns/${encodeURIComponent(id)}`);
    const sent = c.decisions?.sent ?? 0;
    element.dir = 'auto';
    element.textContent = `${c.name ?? c.id}: ${c.state}, ${c.expanded} members expanded, ${sent} sent, ${c.delivered} delivered, ${c.read} read, ${c.failed} failed`;
  } catch (e) {
    element.textContent = e.message;
  }
}

async function load() {
  const generation = ++loads;
  const started = performance.now();
  const span = Number($('range').value);
  const range = `since=${day(-(span - 1))}&until=${day(0)}`;
  const [days, flows, templates, variants, changes, breaches] = await Promise.all([
    get(`/api/reports/kpis?${range}&groupBy=day`),
    get(`/api/reports/kpis?${range}&groupBy=flow`),
    get(`/api/reports/kpis?${range}&groupBy=template`),
    get(`/api/reports/kpis?${range}&groupBy=variant`),
    get(`/api/changelog?since=${day(-(span - 1))}`),
    get(`/api/reports/sla-breaches?${range}`),
  ]);
  if (generation !== loads) return;
  const entries = changes.map((e) => ({ ...e, t: Date.parse(e.at) / 1000 }));
  charts.splice(0).forEach((c) => c.destroy());
  chart('rates-chart', 'Delivery, read, reply, opt-out and containment', days.rows, [
    { label: 'Delivered', value: (r) => r.deliveryRate },
    { label: 'Read', value: (r) => r.readRate },
    { label: 'Replied', value: (r) => r.replyRate },
    { label: 'Opted out', value: (r) => r.optOutRate },
    { label: 'Contained', value: (r) => r.containmentRate },
  ], entries, true);
  chart('times-chart', 'First response and resolution', days.rows, [
    { label: 'First response p50 (s)', value: (r) => r.firstResponseSeconds.p50 },
    { label: 'Resolution p50 (s)', value: (r) => r.resolutionSeconds.p50 },
  ], entries, false);
  table('flow-table', flows.rows);
  table('template-table', templates.rows);
  table('variant-table', variants.rows);
  slaTable(breaches.rows);
  $('changelog').replaceChildren(...[...entries].sort((a, b) => b.t - a.t).slice(0, 50).map((e) => {
    const li = document.createElement('li');
    li.dir = 'auto';
    li.textContent = `${e.at.slice(0, 16).replace('T', ' ')} ${e.kind} ${e.id}${e.version ? ` v${e.version}` : ''}: ${e.summary}`;
    return li;
  }));
  const elapsed = Math.round(performance.now() - started);
  $('rendered').textContent = `${days.rows.length} days drawn in ${elapsed} ms`;
  $('rendered').dataset.ms = String(elapsed);
  await experiments();
}

function show(signedIn) {
  $('sign-in-view').hidden = signedIn;
  $('app-view').hidden = !signedIn;
  $('controls').hidden = !signedIn;
}

async function start() {
  if (!sessionStorage.getItem(KEY_ITEM)) {
    show(false);
    return;
  }
  show(true);
  try {
    await load();
  } catch (e) {
    if (e.status === 401 || e.status === 403) {
      sessionStorage.removeItem(KEY_ITEM);
      show(false);
      $('sign-in-error').textContent = e.status === 403 ? 'This key may not read reports: the dashboard needs an analyst or admin key.' : 'The key was not accepted.';
      $('sign-in-error').hidden = false;
      return;
    }
    $('banner').textContent = `The reports could not be read: ${e.message}`;
    $('banner').hidden = false;
  }
}

$('sign-in-form').addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem(KEY_ITEM, $('api-key').value.trim());
  $('sign-in-error').hidden = true;
  start();
});
$('sign-out').addEventListener('click', () => {
  sessionStorage.removeItem(KEY_ITEM);
  show(false);
});
$('range').addEventListener('change', () => start());
$('campaign-form').addEventListener('submit', (event) => {
  event.preventDefault();
  campaign($('campaign-id').value.trim());
});
start();
