// A job's page: get_job and get_job_errors polled every second; cancel, retry and the rejects file.
import { call, downloadRejects, ApiError } from './api.js';
import { h, keepFocus, badge, progress, tableOf, time, count, bytes, duration, message, errorText, poll, state } from './view.js';

const ERRORS_PAGE = 20;
const OUTCOMES = ['inserted', 'updated', 'unchanged', 'skipped', 'failed'];

function facts(job) {
  const p = job.progress || {};
  const ended = job.end_datetime;
  const took = ended && job.start_datetime ? duration((ended - job.start_datetime) / 1000) : null;
  const rows = [
    ['Type', job.type], ['User', job.user], ['Table', tableOf(job) || '–'], ['Phase', job.phase || '–'],
    ['Created', time(job.created_datetime)], ['Started', time(job.start_datetime)],
    ['Ended', ended ? `${time(ended)}${took ? ` (${took})` : ''}` : '–'],
    ['Rows read', count(p.rows_read)], ['Rows written', count(p.rows_written)],
    ['Bytes', p.bytes_total ? `${bytes(p.bytes_read)} of ${bytes(p.bytes_total)}` : bytes(p.bytes_read)],
  ];
  if (job.retry_of) rows.push(['Retry of', h('a', { href: `#/job/${encodeURIComponent(job.retry_of)}` }, job.retry_of)]);
  if (job.resumed_after_rows !== undefined) rows.push(['Resumed after', `${count(job.resumed_after_rows)} rows`]);
  return h('dl.facts', rows.flatMap(([k, v]) => [h('dt', k), h('dd', v)]));
}

function outcomes(job, reason, pickReason) {
  const o = job.outcomes;
  if (!o) return null;
  const reasons = Object.entries(o.reasons || {});
  const chip = ([r, n]) => h('button.chip', {
    type: 'button', 'aria-pressed': String(r === reason), 'data-reason': r, id: `reason-${r}`,
    title: r === reason ? 'Show every row error' : `Show only the ${r} rows`,
    onclick: () => pickReason(r === reason ? null : r),
  }, `${r}: ${count(n)}`);
  return h('section.panel', { 'aria-labelledby': 'outcomes-title', id: 'outcomes' },
    h('h2', { id: 'outcomes-title' }, 'Rows by outcome'),
    h('div.stats', OUTCOMES.map((k) => h(`div.stat.${k}`, { 'data-outcome': k },
      h('div.label', k), h('div.value', count(o[k]))))),
    reasons.length ? h('div.reasons', reasons.map(chip)) : null);
}

// webhooks/WebhookAttempts: last_status once an answer came, else last_error
function lastAnswer(w) {
  if (w.last_status !== undefined && w.last_status !== null) return String(w.last_status);
  return w.last_error || '–';
}

function webhooks(job) {
  if (!Array.isArray(job.webhooks) || job.webhooks.length === 0) return null;
  return h('section.panel', { 'aria-labelledby': 'webhooks-title', id: 'webhooks' },
    h('h2', { id: 'webhooks-title' }, 'Webhook deliveries'),
    h('div.table-wrap', h('table',
      h('thead', h('tr', ['URL', 'Event', 'Attempts', 'Last answer', 'Delivered'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', job.webhooks.map((w) => h('tr',
        h('td.mono', w.url || ''), h('td', w.event || ''), h('td.num', count(w.attempts)),
        h('td', lastAnswer(w)),
        h('td', w.delivered ? 'yes' : 'no')))))));
}

function errorsTable(page, offset, go) {
  const errors = page.errors || [];
  const total = page.total || 0;
  const prev = h('button.button.ghost', { type: 'button', disabled: offset === 0, onclick: () => go(Math.max(0, offset - ERRORS_PAGE)) }, '← Previous');
  const next = h('button.button.ghost', { type: 'button', id: 'errors-next', disabled: offset + ERRORS_PAGE >= total, onclick: () => go(offset + ERRORS_PAGE) }, 'Next →');
  return [
    h('div.table-wrap', h('table', { id: 'row-errors' },
      h('thead', h('tr', ['Row', 'Line', 'Outcome', 'Reason', 'Column', 'Value', 'Message'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', errors.length ? errors.map((e) => h('tr', { 'data-row': e.row },
        h('td.num', count(e.row)), h('td.num', e.line === undefined ? '–' : count(e.line)), h('td', e.outcome || ''),
        h('td', h('span.chip', e.reason || '')), h('td.mono', e.column || ''), h('td.mono', e.value === undefined ? '' : String(e.value)),
        h('td.message', e.message || '')))
        : h('tr', h('td.empty', { colspan: '7' }, 'No row errors.'))))),
    h('div.pager', h('span', { id: 'errors-info' }, total ? `${offset + 1}–${Math.min(offset + ERRORS_PAGE, total)} of ${count(total)}` : ''),
      h('span.spacer'), prev, next),
  ];
}

/** What retry_job's 400 says the job row does not keep (jobs/JobRetry, s3/S3Job, webhooks/CallbackUrlField). */
function retryNeeds(text) {
  if (/needs the S3 secrets again/.test(text)) return { s3: true, endpoint: /s3\.endpoint/.test(text) };
  if (/'callback_url' has a query string Caravan did not keep/.test(text)) return { callback: true };
  return null;
}

function askForRetry(asked, why, retry) {
  const input = (id, label, type = 'text') => h('div.field', h('label', { for: id }, label),
    h('input', { id, type, required: true, autocomplete: 'off', spellcheck: 'false' }));
  const fields = [];
  if (asked.s3) {
    fields.push(input('retry-s3-key-id', 'S3 access key id'), input('retry-s3-secret', 'S3 secret access key', 'password'));
    if (asked.endpoint) fields.push(input('retry-s3-endpoint', 'S3 endpoint (in full)', 'url'));
  }
  if (asked.callback) fields.push(input('retry-callback-url', 'Callback URL (in full)', 'url'));
  const value = (fieldId) => document.getElementById(fieldId)?.value.trim();
  return h('form.panel', {
    id: 'retry-form', 'aria-labelledby': 'retry-form-title',
    onsubmit: (e) => {
      e.preventDefault();
      const given = {};
      if (asked.s3) {
        given.s3 = { aws_access_key_id: value('retry-s3-key-id'), aws_secret_access_key: value('retry-s3-secret') };
        if (asked.endpoint) given.s3.endpoint = value('retry-s3-endpoint');
      }
      if (asked.callback) given.callback_url = value('retry-callback-url');
      retry(given);
    },
  },
  h('h2', { id: 'retry-form-title' }, 'Retry needs what the job did not keep'),
  h('p.sub', why),
  h('div.alert', { role: 'alert', id: 'retry-error' }),
  h('div.fields', fields),
  h('button.button', { type: 'submit', id: 'retry-with' }, 'Retry with these'));
}

export function jobPage(main, id) {
  const alert = h('div.alert', { role: 'alert', id: 'job-error' });
  const content = h('div', { id: 'job' });
  const retryForm = h('div', { id: 'retry-needs' });
  main.replaceChildren(
    h('p', h('a', { href: '#/' }, '← All jobs')),
    alert, retryForm, content);
  let errorsOffset = 0;
  let reason = null; // the row errors of one reason only, when a reason chip is pressed
  let cancelArmedUntil = 0; // cancelling takes two clicks: the first asks, the second cancels
  let lastErrors = null;
  let shown = '';
  let busy = false;

  const act = async (button, body, done) => {
    button.disabled = true;
    busy = true;
    try {
      const answer = await call(body);
      alert.textContent = '';
      done(answer);
    } catch (e) {
      alert.textContent = errorText(e);
      button.disabled = false;
    } finally {
      busy = false;
    }
  };

  const retried = (answer) => {
    if (answer.job_id) window.location.hash = `#/job/${encodeURIComponent(answer.job_id)}`;
  };
  // retry_job's 400 when the job row lacks a secret: ask for exactly that, then retry with it
  const tryRetry = async (button, given) => {
    button.disabled = true;
    busy = true;
    try {
      const answer = await call({ operation: 'retry_job', id, ...given });
      alert.textContent = '';
      retryForm.replaceChildren();
      retried(answer);
    } catch (e) {
      const asked = e instanceof ApiError && e.status === 400 ? retryNeeds(e.message) : null;
      if (asked) { // what was given already is sent again with what the form asks now
        alert.textContent = '';
        retryForm.replaceChildren(askForRetry(asked, e.message, (more) => tryRetry(button, { ...given, ...more })));
        retryForm.querySelector('input')?.focus();
      } else {
        (retryForm.hasChildNodes() ? retryForm.querySelector('.alert') : alert).textContent = errorText(e);
      }
      button.disabled = false;
    } finally {
      busy = false;
    }
  };

  const render = (job, errorsPage) => {
    const s = state(job);
    const finished = job.status !== 'IN_PROGRESS';
    const actions = [];
    if (!finished) {
      const armed = Date.now() < cancelArmedUntil;
      const cancel = h('button.button.danger', { type: 'button', id: 'cancel-job', 'aria-describedby': armed ? 'cancel-hint' : null },
        armed ? 'Yes, cancel it' : 'Cancel job');
      cancel.addEventListener('click', () => {
        if (Date.now() < cancelArmedUntil) {
          cancelArmedUntil = 0;
          act(cancel, { operation: 'cancel_job', id }, () => load());
        } else {
          cancelArmedUntil = Date.now() + 5000;
          shown = '';
          load();
        }
      });
      if (armed) actions.push(h('span.hint', { id: 'cancel-hint' }, 'Rows already written stay written.'));
      actions.push(cancel);
    }
    if (finished && s !== 'complete') {
      const retry = h('button.button', { type: 'button', id: 'retry-job' }, 'Retry');
      retry.addEventListener('click', () => tryRetry(retry, {}));
      actions.push(retry);
    }
    if (job.request && job.request.rejects_path) {
      const download = h('button.button.ghost', { type: 'button', id: 'download-rejects' }, '⤓ Rejects file');
      download.addEventListener('click', () => downloadRejects(id).catch((e) => { alert.textContent = errorText(e); }));
      actions.push(download);
    }
    const text = message(job);
    content.replaceChildren(
      h('div.page-head', { 'data-job-id': job.id, 'data-state': s },
        h('div', h('h1', job.type, ' ', badge(job)), h('p.sub.mono', job.id)),
        h('div.spacer'), ...actions),
      h('section.panel', { 'aria-label': 'Progress' }, progress(job, true),
        text ? h('p.message', { id: 'job-message' }, text) : null),
      outcomes(job, reason, (r) => { reason = r; errorsOffset = 0; shown = ''; load(); }),
      h('div.grid',
        h('section.panel', { 'aria-labelledby': 'details-title' }, h('h2', { id: 'details-title' }, 'Details'), facts(job)),
        h('section.panel', { 'aria-labelledby': 'request-title' }, h('h2', { id: 'request-title' }, 'Request'),
          h('pre.json', { id: 'job-request' }, job.request ? JSON.stringify(job.request, null, 2) : 'Not shown by this server.'))),
      job.result !== undefined ? h('section.panel', { 'aria-labelledby': 'result-title' },
        h('h2', { id: 'result-title' }, 'Result'), h('pre.json', JSON.stringify(job.result, null, 2))) : null,
      errorsPage && (errorsPage.total > 0 || job.outcomes) ? h('section.panel', { 'aria-labelledby': 'errors-title' },
        h('h2', { id: 'errors-title' }, 'Row errors'),
        ...errorsTable(errorsPage, errorsOffset, (offset) => { errorsOffset = offset; load(); })) : null,
      webhooks(job));
  };

  const load = async () => {
    if (busy) return;
    try {
      const jobs = await call({ operation: 'get_job', id });
      const job = Array.isArray(jobs) ? jobs[0] : null;
      if (!job) {
        content.replaceChildren(h('div.panel.empty', `No job ${id} that you may see.`));
        return;
      }
      if (job.outcomes) {
        const page = { operation: 'get_job_errors', id, offset: errorsOffset, limit: ERRORS_PAGE };
        if (reason) page.reason = reason;
        lastErrors = await call(page);
      }
      alert.textContent = '';
      const now = JSON.stringify([job, lastErrors, errorsOffset, reason, Date.now() < cancelArmedUntil]);
      if (now !== shown) { // unchanged answers leave the page alone: a selection or a scroll stays
        shown = now;
        keepFocus(() => render(job, lastErrors));
      }
    } catch (e) {
      alert.textContent = errorText(e);
    }
  };
  return poll(load);
}
