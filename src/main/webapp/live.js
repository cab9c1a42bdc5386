// The live page: polls the service every second and shows health, rates and counters.
import { drawPlot } from './plot.js';
import { healthOf } from './health.js';

const POLL_MS = 1000;
const WINDOW_MS = 5 * 60 * 1000;
const LABELS = {
    published: 'Published', received: 'Received', saved: 'Saved', restarted: 'Restarted',
    restart_retries: 'Restart retries', failed: 'Failed', acked: 'Acked', dead_lettered: 'Dead-lettered',
    extended: 'Lease extensions', in_flight: 'In flight', skipped: 'Skipped by a guardrail',
    paused: 'Kill switch paused (1 = yes)', handling_ms_p50: 'Handling time p50 (ms)',
    handling_ms_p95: 'Handling time p95 (ms)', handling_ms_p99: 'Handling time p99 (ms)',
};
const history = []; // {t, received, acked, failed, deadLettered, inFlight}: rates per second; null is a gap
let previous = null; // the last stats read: {t, stats}
let samples = 0;

const byId = id => document.getElementById(id);
const number = value => (Number.isInteger(value) ? value.toLocaleString('en') : value.toFixed(1));
const shown = value => (value === null || value === undefined ? '-' : number(value));

async function get(url) {
    return fetch(url, { cache: 'no-store', signal: AbortSignal.timeout(3 * POLL_MS) });
}

/** {status, detail} of a health endpoint, or UNREACHABLE when nothing answers. */
async function health(url) {
    try {
        return await healthOf(url, await get(url));
    } catch (error) {
        return { status: 'UNREACHABLE', detail: error.message };
    }
}

/** The kill switch: {paused, changed_by, changed_at}, or null when it cannot be read. */
async function chaos() {
    try {
        const response = await get('api/chaos');
        return response.ok ? await response.json() : null;
    } catch (error) {
        return null;
    }
}

function showChaos(state) {
    const output = byId('chaos-state');
    output.value = state === null ? 'unknown' : (state.paused ? 'PAUSED' : 'running');
    output.dataset.status = state === null ? '' : (state.paused ? 'DOWN' : 'UP');
    byId('chaos-detail').textContent = state && state.changed_by
        ? `${state.paused ? 'paused' : 'resumed'} by ${state.changed_by} at ${state.changed_at}` : '';
}

async function stats() {
    try {
        const response = await get('api/stats');
        return response.ok ? await response.json() : null;
    } catch (error) {
        return null;
    }
}

function record(t, current) {
    const seconds = previous && (t - previous.t) / 1000;
    const rate = key => (current && previous && current[key] >= previous.stats[key]
        ? (current[key] - previous.stats[key]) / seconds : null);
    history.push({
        t, received: rate('received'), acked: rate('acked'), failed: rate('failed'),
        deadLettered: rate('dead_lettered'), inFlight: current ? current.in_flight : null,
    });
    previous = current ? { t, stats: current } : null;
    while (history[0].t < t - WINDOW_MS) history.shift();
}

function showHealth(id, result) {
    byId(id).textContent = result.status;
    byId(id).dataset.status = result.status;
    byId(`${id}-checks`).textContent = result.detail;
}

function showNumbers(current) {
    const body = document.querySelector('#numbers tbody');
    for (const [key, value] of Object.entries(current)) {
        let row = body.querySelector(`tr[data-key="${key}"]`);
        if (!row) {
            row = body.insertRow();
            row.dataset.key = key;
            row.append(Object.assign(document.createElement('th'), { scope: 'row', textContent: LABELS[key] ?? key }));
            row.insertCell();
        }
        row.cells[1].textContent = shown(value);
    }
}

function showPlots(now) {
    const series = (key, cls) => ({ key, cls, points: history.map(h => ({ t: h.t, v: h[key] })) });
    const plot = (id, list) => drawPlot(byId(id), { now, windowMs: WINDOW_MS, series: list });
    plot('plot-throughput', [series('received', 'series-a'), series('acked', 'series-b')]);
    plot('plot-in-flight', [series('inFlight', 'series-a')]);
    plot('plot-trouble', [series('failed', 'series-a'), series('deadLettered', 'series-b')]);
    const last = history[history.length - 1];
    byId('received-rate').value = shown(last.received);
    byId('acked-rate').value = shown(last.acked);
    byId('in-flight-now').value = shown(last.inFlight);
    byId('failed-rate').value = shown(last.failed);
    byId('dead-lettered-rate').value = shown(last.deadLettered);
}

async function tick() {
    const started = performance.now();
    const [current, ready, live, switched] = await Promise.all([stats(), health('/health/ready'),
        health('/health/live'), chaos()]);
    const t = Date.now();
    record(t, current);
    samples += 1;
    showHealth('health-ready', ready);
    showHealth('health-live', live);
    showChaos(switched);
    if (current) showNumbers(current);
    showPlots(t);
    const updated = byId('updated');
    updated.dataset.samples = samples;
    updated.textContent = current ? `Updated ${new Date(t).toLocaleTimeString('en-GB')}.`
        : `Stats unavailable at ${new Date(t).toLocaleTimeString('en-GB')}.`;
    setTimeout(tick, Math.max(0, POLL_MS - (performance.now() - started)));
}

tick();
