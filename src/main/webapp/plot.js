// A line plot in inline SVG: time on x (the last windowMs up to now), values on y from 0 to a round maximum.
// A null value is a gap (no sample, or a counter that went back because the service restarted).
const NS = 'http://www.w3.org/2000/svg';
const AREA = { left: 48, right: 630, top: 10, bottom: 126 };

/** The smallest of 1, 2, 5 times a power of ten that is at least value (at least 1). */
export function roundMax(value) {
    if (!(value > 1)) return 1;
    const power = 10 ** Math.floor(Math.log10(value));
    return [1, 2, 5, 10].map(f => f * power).find(max => max >= value);
}

function element(name, attributes, text) {
    const node = document.createElementNS(NS, name);
    Object.entries(attributes).forEach(([key, value]) => node.setAttribute(key, value));
    if (text !== undefined) node.textContent = text;
    return node;
}

function pathData(points, x, y) {
    let d = '';
    let pen = 'M';
    for (const point of points) {
        if (point.v === null) {
            pen = 'M';
            continue;
        }
        d += `${pen}${x(point.t).toFixed(1)},${y(point.v).toFixed(1)} `;
        pen = 'L';
    }
    return d.trim();
}

function label(value) {
    return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/**
 * Draws the series ({key, cls, points: [{t, v}]}) into the svg, replacing what was there, and sets
 * data-KEY-points on the svg to the number of non-zero values drawn (a hook for tests and tools).
 */
export function drawPlot(svg, { now, windowMs, series }) {
    const shown = series.map(s => ({ ...s, points: s.points.filter(p => p.t >= now - windowMs) }));
    const max = roundMax(Math.max(0, ...shown.flatMap(s => s.points.map(p => p.v ?? 0))));
    const x = t => AREA.right - ((now - t) / windowMs) * (AREA.right - AREA.left);
    const y = v => AREA.bottom - (v / max) * (AREA.bottom - AREA.top);
    const nodes = [];
    for (const value of [0, max / 2, max]) {
        nodes.push(element('line', { class: 'grid', x1: AREA.left, x2: AREA.right, y1: y(value), y2: y(value) }));
        nodes.push(element('text', { class: 'tick', x: AREA.left - 6, y: y(value) + 4, 'text-anchor': 'end' },
            label(value)));
    }
    const minutes = windowMs / 60000;
    nodes.push(element('text', { class: 'tick', x: AREA.left, y: AREA.bottom + 18 }, `${minutes} min ago`));
    nodes.push(element('text', { class: 'tick', x: AREA.right, y: AREA.bottom + 18, 'text-anchor': 'end' }, 'now'));
    for (const s of shown) {
        nodes.push(element('path', { class: `line ${s.cls}`, d: pathData(s.points, x, y), 'data-key': s.key }));
        svg.dataset[`${s.key}Points`] = s.points.filter(p => p.v > 0).length;
    }
    svg.replaceChildren(...nodes);
}
