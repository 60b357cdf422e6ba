// Small DOM and formatting helpers shared by the pages. Text always goes in as text, never as HTML.

/** h('div.panel', {id: 'x'}, child, 'text') */
export function h(tag, attrs, ...children) {
  const [name, ...classes] = tag.split('.');
  const el = document.createElement(name);
  if (classes.length) el.className = classes.join(' ');
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
  } else if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
      else if (key === 'text') el.textContent = value;
      else el.setAttribute(key, value === true ? '' : value);
    }
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** The badge a job's fields mean: queued, running, complete, failed, cancelled or interrupted. */
export function state(job) {
  if (job.status === 'IN_PROGRESS') return job.phase === 'queued' ? 'queued' : 'running';
  if (job.status === 'COMPLETE') return 'complete';
  if (job.cancelled) return 'cancelled';
  if (job.interrupted) return 'interrupted';
  return 'failed';
}

export function badge(job) {
  const s = state(job);
  return h('span.badge.' + s, { 'data-state': s }, s[0].toUpperCase() + s.slice(1));
}

const number = new Intl.NumberFormat();
export function count(n) { return n === undefined || n === null ? '–' : number.format(n); }

export function bytes(n) {
  if (n === undefined || n === null) return '–';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i += 1; }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

export function duration(seconds) {
  if (seconds === undefined || seconds === null || !Number.isFinite(seconds)) return '';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
export function time(ms) { return ms ? timeFormat.format(new Date(ms)) : '–'; }
export function timeCell(ms) {
  return ms ? h('time.time', { datetime: new Date(ms).toISOString() }, time(ms)) : h('span.time', '–');
}

/** database.table of a job: its own fields when it has them, else its stored request's. */
export function tableOf(job) {
  const source = job.table ? job : (job.request || {});
  const table = source.table;
  if (!table) return '';
  const database = source.database || source.schema || 'data';
  return `${database}.${table}`;
}

/** The percent a job is through, or null when its size is unknown. */
export function percent(job) {
  const p = job.progress || {};
  if (job.status === 'COMPLETE') return 100;
  if (typeof p.percent === 'number') return Math.max(0, Math.min(100, Math.round(p.percent)));
  return null;
}

/** A progress bar (role=progressbar, aria-valuenow the percent) with rows/s and ETA under it. */
export function progress(job, large, label = 'Progress') {
  const p = job.progress || {};
  const s = state(job);
  const pct = percent(job);
  const running = s === 'running' || s === 'queued';
  const fill = h('div.fill');
  const bar = h('div.bar', {
    role: 'progressbar', 'aria-label': label, 'aria-valuemin': '0', 'aria-valuemax': '100',
    'aria-valuenow': pct === null ? null : String(pct),
    'aria-valuetext': pct === null ? `${count(p.rows_read)} rows read` : `${pct}%`,
  }, fill);
  if (pct !== null) fill.style.width = `${pct}%`;
  else if (running) bar.classList.add('indeterminate');
  if (s === 'complete') bar.classList.add('done');
  if (s === 'failed' || s === 'interrupted') bar.classList.add('bad');
  const meta = h('div.progress-meta',
    h('span.pct', pct === null ? `${count(p.rows_read)} rows` : `${pct}%`),
    typeof p.rows_per_second === 'number' ? h('span.rate', `${count(Math.round(p.rows_per_second))} rows/s`) : null,
    running && typeof p.eta_seconds === 'number' ? h('span.eta', `ETA ${duration(p.eta_seconds)}`) : null);
  return h('div.progress' + (large ? '.large' : ''), bar, meta);
}

export function message(job) {
  const m = job.message;
  if (m === undefined || m === null) return '';
  return typeof m === 'string' ? m : JSON.stringify(m);
}

export function errorText(e) {
  return e && e.message ? e.message : String(e);
}

/** Runs task now and then every interval ms after each run ends, until stop() or the page changes. */
export function poll(task, interval = 1000) {
  let stopped = false;
  let timer = null;
  const run = async () => {
    if (stopped) return;
    try { await task(); } finally {
      if (!stopped) timer = setTimeout(run, interval);
    }
  };
  run();
  return () => { stopped = true; clearTimeout(timer); };
}

/** Replaces what fn renders while keeping keyboard focus on the element with the same id. */
export function keepFocus(fn) {
  const focused = document.activeElement && document.activeElement.id;
  fn();
  if (focused) {
    const again = document.getElementById(focused);
    if (again && again !== document.activeElement) again.focus({ preventScroll: true });
  }
}
