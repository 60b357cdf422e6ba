// The job list: list_jobs, a filtered page of 50, polled every second (README "Console").
import { call } from './api.js';
import { h, keepFocus, badge, progress, tableOf, timeCell, errorText, poll, state } from './view.js';

export const JOB_TYPES = ['csv_data_load', 'csv_file_load', 'csv_url_load', 'import_from_s3',
  'export_local', 'export_to_s3', 'delete_records_before'];
const PAGE = 50;

// kept while the tab lives, so coming back from a job's page shows the same filters
const filters = { status: '', type: '', user: '', table: '' };
let cursors = [null];

function request() {
  const body = { operation: 'list_jobs', limit: PAGE };
  if (filters.status) body.status = filters.status;
  if (filters.type) body.type = filters.type;
  if (filters.user.trim()) body.user = filters.user.trim();
  const table = filters.table.trim();
  if (table) {
    const dot = table.indexOf('.');
    if (dot > 0) { body.database = table.slice(0, dot); body.table = table.slice(dot + 1); } else body.table = table;
  }
  const cursor = cursors[cursors.length - 1];
  if (cursor) body.cursor = cursor;
  return body;
}

function row(job) {
  return h('tr', { 'data-job-id': job.id, 'data-state': state(job) },
    h('td', badge(job)),
    h('td', h('a.job-link', { id: `job-${job.id}`, href: `#/job/${encodeURIComponent(job.id)}` }, job.type),
      h('div.id', job.id.slice(0, 8))),
    h('td.hide-narrow', job.user),
    h('td.hide-narrow.mono', tableOf(job) || '–'),
    h('td', progress(job, false, `Progress of ${job.type} ${job.id.slice(0, 8)}`)),
    h('td.hide-narrow', timeCell(job.start_datetime)),
    h('td.hide-narrow', timeCell(job.end_datetime)));
}

function select(id, label, options, value, onChange) {
  return h('div.field',
    h('label', { for: id }, label),
    h('select', { id, onchange: (e) => onChange(e.target.value) },
      options.map(([v, text]) => h('option', { value: v, selected: v === value }, text))));
}

function text(id, label, placeholder, value, onChange) {
  let timer;
  return h('div.field',
    h('label', { for: id }, label),
    h('input', {
      id, type: 'search', placeholder, value, autocomplete: 'off',
      oninput: (e) => { clearTimeout(timer); timer = setTimeout(() => onChange(e.target.value), 300); },
    }));
}

export function jobList(main) {
  const alert = h('div.alert', { role: 'alert', id: 'list-error' });
  const body = h('tbody', { id: 'jobs' });
  const pageInfo = h('span', { id: 'page-info' });
  const previous = h('button.button.ghost', { type: 'button', id: 'previous-page', disabled: true }, '← Newer');
  const next = h('button.button.ghost', { type: 'button', id: 'next-page', disabled: true }, 'Older →');
  let nextCursor = null;
  let refresh = () => {};

  const changed = (key) => (value) => { filters[key] = value; cursors = [null]; refresh(); };
  const statusOptions = [['', 'Any status'], ['IN_PROGRESS', 'In progress'], ['COMPLETE', 'Complete'], ['ERROR', 'Failed / cancelled']];
  const typeOptions = [['', 'Any type'], ...JOB_TYPES.map((t) => [t, t])];

  main.replaceChildren(
    h('div.page-head',
      h('div', h('h1', 'Jobs'), h('p.sub', 'Live: refreshed every second.')),
      h('div.spacer'),
      h('a.button', { href: '#/new' }, '+ New job')),
    h('section.panel', { 'aria-label': 'Filters' },
      h('div.filters',
        select('filter-status', 'Status', statusOptions, filters.status, changed('status')),
        select('filter-type', 'Type', typeOptions, filters.type, changed('type')),
        text('filter-user', 'User', 'any user', filters.user, changed('user')),
        text('filter-table', 'Table', 'database.table', filters.table, changed('table')))),
    alert,
    h('section.panel', { 'aria-label': 'Job list' },
      h('div.table-wrap',
        h('table', { id: 'job-table' },
          h('thead', h('tr',
            h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, 'Job'),
            h('th.hide-narrow', { scope: 'col' }, 'User'), h('th.hide-narrow', { scope: 'col' }, 'Table'),
            h('th', { scope: 'col' }, 'Progress'), h('th.hide-narrow', { scope: 'col' }, 'Started'),
            h('th.hide-narrow', { scope: 'col' }, 'Ended'))),
          body)),
      h('div.pager', pageInfo, h('span.spacer'), previous, next)));

  previous.addEventListener('click', () => { cursors.pop(); refresh(); });
  next.addEventListener('click', () => { if (nextCursor) { cursors.push(nextCursor); refresh(); } });

  const load = async () => {
    try {
      const page = await call(request());
      alert.textContent = '';
      const jobs = page.jobs || [];
      keepFocus(() => body.replaceChildren(...(jobs.length ? jobs.map(row)
        : [h('tr', h('td.empty', { colspan: '7' }, 'No jobs match. Start one with “New job”.'))])));
      nextCursor = page.next_cursor || null;
      next.disabled = !nextCursor;
      previous.disabled = cursors.length <= 1;
      pageInfo.textContent = `Page ${cursors.length} · ${jobs.length} job${jobs.length === 1 ? '' : 's'}`;
    } catch (e) {
      alert.textContent = errorText(e);
    }
  };
  const stop = poll(load);
  refresh = load;
  return stop;
}
