// The form that starts a load or an export; database and table pickers from describe_all, and the
// API's own error text when it answers 400.
import { call } from './api.js';
import { h, errorText } from './view.js';

const KINDS = [
  ['csv_file_load', 'CSV file', 'a file on the server'],
  ['csv_url_load', 'CSV from URL', 'downloaded by the server'],
  ['csv_data_load', 'Paste or upload', 'CSV text from here'],
  ['import_from_s3', 'Import from S3', 'a .csv or .json object'],
  ['export_local', 'Export to file', 'a server directory'],
  ['export_to_s3', 'Export to S3', 'an object in a bucket'],
];
const LOADS = ['csv_file_load', 'csv_url_load', 'csv_data_load', 'import_from_s3'];

function field(id, label, control, hint) {
  return h('div.field', { 'data-field': id },
    h('label', { for: id }, label, hint ? h('span.hint', ` ${hint}`) : null), control);
}
const input = (id, attrs = {}) => h('input', { id, name: id, autocomplete: 'off', ...attrs });
const options = (values, selected) => values.map(([v, t]) => h('option', { value: v, selected: v === selected }, t));

function s3Fields(prefix) {
  return h('fieldset.panel', { 'data-group': 's3' },
    h('legend', 'S3'),
    h('div.fields',
      field(`${prefix}-bucket`, 'Bucket', input(`${prefix}-bucket`)),
      field(`${prefix}-key`, 'Key', input(`${prefix}-key`, { placeholder: prefix === 's3in' ? 'folder/file.csv' : 'folder/name' })),
      field(`${prefix}-region`, 'Region', input(`${prefix}-region`, { placeholder: 'us-east-1' })),
      field(`${prefix}-connection`, 'Stored connection', input(`${prefix}-connection`), '(instead of keys)'),
      field(`${prefix}-access`, 'Access key id', input(`${prefix}-access`)),
      field(`${prefix}-secret`, 'Secret access key', input(`${prefix}-secret`, { type: 'password', autocomplete: 'new-password' })),
      field(`${prefix}-endpoint`, 'Endpoint', input(`${prefix}-endpoint`, { placeholder: 'https://…' }), '(S3-compatible stores)')));
}

function s3Value(form, prefix) {
  const value = (name) => form.querySelector(`#${prefix}-${name}`).value.trim();
  const s3 = {};
  const put = (key, v) => { if (v) s3[key] = v; };
  put('bucket', value('bucket'));
  put('key', value('key'));
  put('region', value('region'));
  put('connection', value('connection'));
  put('aws_access_key_id', value('access'));
  put('aws_secret_access_key', value('secret'));
  put('endpoint', value('endpoint'));
  return s3;
}

export function submitPage(main) {
  const alert = h('div.alert', { role: 'alert', id: 'submit-error' });
  const database = h('select', { id: 'database', name: 'database' });
  const table = h('select', { id: 'table', name: 'table' });
  const sql = h('textarea', { id: 'sql', name: 'sql', rows: '3', spellcheck: 'false' });
  let catalog = {};
  let sqlEdited = false;

  const fillTables = () => {
    const tables = Object.keys(catalog[database.value] || {}).sort();
    table.replaceChildren(...options(tables.map((t) => [t, t])));
    if (!sqlEdited) sql.value = table.value ? `SELECT * FROM ${database.value}.${table.value}` : '';
  };
  database.addEventListener('change', fillTables);
  table.addEventListener('change', () => { if (!sqlEdited) sql.value = `SELECT * FROM ${database.value}.${table.value}`; });
  sql.addEventListener('input', () => { sqlEdited = true; });

  const data = h('textarea', { id: 'data', name: 'data', rows: '8', spellcheck: 'false', placeholder: 'id,name\n1,Penny' });
  const upload = input('data-file', { type: 'file', accept: '.csv,text/csv,text/plain' });
  upload.addEventListener('change', async () => {
    const file = upload.files[0];
    if (file) data.value = await file.text();
  });

  const sections = {
    csv_file_load: [field('file_path', 'File path on the server', input('file_path', { placeholder: '/data/in/dogs.csv' }))],
    csv_url_load: [field('csv_url', 'CSV URL', input('csv_url', { type: 'url', placeholder: 'https://example.com/dogs.csv' }))],
    csv_data_load: [field('data-file', 'Upload a CSV file', upload, '(read here, sent as text)'), field('data', 'CSV text', data)],
    import_from_s3: [s3Fields('s3in')],
    export_local: [h('div.fields',
      field('path', 'Directory on the server', input('path', { placeholder: '/data/out' })),
      field('filename', 'File name', input('filename'), '(optional)'))],
    export_to_s3: [s3Fields('s3out')],
  };
  const loadOptions = h('div.fields', { id: 'load-options' },
    field('action', 'Action', h('select', { id: 'action', name: 'action' },
      options([['insert', 'Insert'], ['update', 'Update'], ['upsert', 'Upsert']], 'insert'))),
    field('rejects_path', 'Rejects file', input('rejects_path', { placeholder: '/data/out/rejects.csv' }), '(optional)'),
    h('div.field', h('label.check', h('input', { type: 'checkbox', id: 'dry_run', name: 'dry_run' }), 'Dry run: check and count, write nothing')));
  const exportOptions = h('div', { id: 'export-options' },
    field('format', 'Format', h('select', { id: 'format', name: 'format' }, options([['csv', 'CSV'], ['json', 'JSON']], 'csv'))),
    field('sql', 'Records to export (SQL)', sql));

  const specific = h('div', { id: 'kind-fields' });
  const kinds = h('fieldset.kinds', h('legend', 'What to run'),
    KINDS.map(([value, title, note], i) => h('label.kind',
      h('input', { type: 'radio', name: 'kind', value, id: `kind-${value}`, checked: i === 0 }),
      h('span', title, h('small', note)))));
  const submit = h('button.button', { type: 'submit', id: 'submit-job' }, 'Start job');
  const form = h('form.panel', { id: 'job-form', novalidate: true },
    kinds,
    h('div.fields',
      field('database', 'Database', database),
      field('table', 'Table', table)),
    specific, loadOptions, exportOptions, alert, submit);

  const kind = () => form.querySelector('input[name=kind]:checked').value;
  const showKind = () => {
    specific.replaceChildren(...sections[kind()]);
    const load = LOADS.includes(kind());
    loadOptions.hidden = !load;
    exportOptions.hidden = load;
    alert.textContent = '';
  };
  kinds.addEventListener('change', showKind);

  const request = () => {
    const k = kind();
    const body = { operation: k };
    const text = (id) => form.querySelector(`#${id}`).value.trim();
    if (LOADS.includes(k)) {
      body.database = database.value;
      body.table = table.value;
      body.action = text('action');
      if (text('rejects_path')) body.rejects_path = text('rejects_path');
      if (form.querySelector('#dry_run').checked) body.dry_run = true;
    } else {
      body.format = text('format');
      body.search_operation = { operation: 'sql', sql: sql.value.trim() };
    }
    if (k === 'csv_file_load') body.file_path = text('file_path');
    if (k === 'csv_url_load') body.csv_url = text('csv_url');
    if (k === 'csv_data_load') body.data = data.value;
    if (k === 'import_from_s3') body.s3 = s3Value(form, 's3in');
    if (k === 'export_to_s3') body.s3 = s3Value(form, 's3out');
    if (k === 'export_local') {
      body.path = text('path');
      if (text('filename')) body.filename = text('filename');
    }
    return body;
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    alert.textContent = '';
    try {
      const answer = await call(request());
      if (answer.job_id) window.location.hash = `#/job/${encodeURIComponent(answer.job_id)}`;
    } catch (e) {
      alert.textContent = errorText(e);
    } finally {
      submit.disabled = false;
    }
  });

  main.replaceChildren(
    h('div.page-head', h('div', h('h1', 'New job'), h('p.sub', 'Start a load or an export; it runs as a job you can watch.'))),
    form);
  showKind();
  call({ operation: 'describe_all' }).then((answer) => {
    catalog = answer || {};
    const names = Object.keys(catalog).sort();
    database.replaceChildren(...options(names.map((d) => [d, d]), names.includes('data') ? 'data' : names[0]));
    fillTables();
  }).catch((e) => { alert.textContent = errorText(e); });
  return () => {};
}
