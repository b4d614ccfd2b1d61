// A thin client of the gateway's /api: everything it shows comes from the same endpoints the README lists.
const state = { token: sessionStorage.getItem('dataops.token'), refresh: sessionStorage.getItem('dataops.refresh'), user: JSON.parse(sessionStorage.getItem('dataops.user') || 'null') };
const $ = (id) => document.getElementById(id);
const esc = (v) => v === null || v === undefined ? '' : String(v).replace(/[&<>"']/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]));

// An access token lives minutes: on a 401 the client trades its refresh token for a new pair once and retries.
async function api(path, options = {}, retried = false) {
  const headers = Object.assign({}, options.headers, state.token ? { Authorization: 'Bearer ' + state.token } : {});
  const response = await fetch(path, Object.assign({}, options, { headers }));
  const body = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const authPath = path.startsWith('/api/auth/login') || path.startsWith('/api/auth/refresh');
    if (response.status === 401 && !authPath && !retried && state.refresh && await refreshTokens()) {
      return api(path, options, true);
    }
    if (response.status === 401 && !authPath) { signOut(); }
    throw new Error(body && body.detail ? `${body.code}: ${body.detail}` : `HTTP ${response.status}`);
  }
  return body;
}

let refreshing = null;
// One refresh at a time: parallel requests that all got 401 share it (a refresh token is spent on first use).
function refreshTokens() {
  if (!refreshing) {
    refreshing = fetch('/api/auth/refresh', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refresh_token: state.refresh }) })
      .then(async response => {
        if (!response.ok) { return false; }
        keepSession(await response.json());
        return true;
      })
      .catch(() => false)
      .finally(() => { refreshing = null; });
  }
  return refreshing;
}

function keepSession(answer) {
  state.token = answer.access_token; state.refresh = answer.refresh_token; state.user = answer.user;
  sessionStorage.setItem('dataops.token', state.token); sessionStorage.setItem('dataops.refresh', state.refresh);
  sessionStorage.setItem('dataops.user', JSON.stringify(state.user));
}

function showProblem(error) { const p = $('problem'); p.textContent = error.message; p.hidden = false; }
function clearProblem() { $('problem').hidden = true; }

function table(element, columns, rows) {
  element.innerHTML = '<tr>' + columns.map(c => `<th>${esc(c[0])}</th>`).join('') + '</tr>' +
    rows.map(r => '<tr>' + columns.map(c => `<td>${c[1](r)}</td>`).join('') + '</tr>').join('');
}

const views = {
  async dashboard() {
    const s = await api('/api/dashboard/stats');
    const card = (label, value) => `<div class="card">${esc(label)}<b>${esc(value)}</b></div>`;
    $('stats').innerHTML = card('Files', s.files.total) + card('Files today', s.files.today) + card('Processing', s.files.processing) +
      card('Failed', s.files.failed) + card('Customers', s.records.customers) + card('Orders', s.records.orders) +
      card('Errors', s.errors.total) + card('Jobs running', s.jobs.running) + card('Jobs queued', s.jobs.queued);
  },
  async files() {
    const page = await api('/api/data/files?limit=50&sort=-uploaded_at');
    table($('files-table'), [['Id', f => f.id], ['Name', f => `<a href="#files" data-file="${f.id}">${esc(f.original_name)}</a>`],
      ['Type', f => esc(f.file_type)], ['Size', f => f.file_size], ['Rows', f => esc(f.row_count)],
      ['Status', f => `<span class="status-${esc(f.status)}">${esc(f.status)}</span>`], ['Uploaded', f => esc(f.uploaded_at)]], page.items);
  },
  async upload() {},
  async customers() {
    const page = await api('/api/data/customers?limit=100');
    table($('customers-table'), [['Code', c => esc(c.customer_code)], ['Name', c => esc(c.name)], ['Email', c => esc(c.email)],
      ['Country', c => esc(c.country)], ['Segment', c => esc(c.segment)], ['Credit limit', c => esc(c.credit_limit)]], page.items);
  },
  async orders() {
    const page = await api('/api/data/orders?limit=100&sort=-order_date');
    table($('orders-table'), [['Number', o => esc(o.order_number)], ['Customer', o => esc(o.customer_code)],
      ['Date', o => esc(o.order_date)], ['Total', o => esc(o.total_amount)], ['Status', o => esc(o.status)]], page.items);
  },
  async jobs() {
    const page = await api('/api/jobs?limit=50');
    table($('jobs-table'), [['Id', j => j.id], ['Name', j => esc(j.job_name)], ['Status', j => `<span class="status-${esc(j.status)}">${esc(j.status)}</span>`],
      ['Read', j => j.progress.rows_read], ['Valid', j => j.progress.rows_valid], ['Rejected', j => j.progress.rows_rejected],
      ['Loaded', j => j.progress.rows_loaded], ['Created', j => esc(j.created_at)]], page.items);
  }
};

async function showFile(id) {
  const [file, errors] = await Promise.all([api(`/api/data/files/${id}`), api(`/api/data/files/${id}/errors?limit=100`)]);
  $('file-detail').innerHTML = `<h2>${esc(file.original_name)} — <span class="status-${esc(file.status)}">${esc(file.status)}</span>, ${esc(file.row_count)} rows</h2>` +
    `<p>${errors.total} errors</p><table id="errors-table"></table>`;
  table($('errors-table'), [['Row', e => e.row_number], ['Field', e => esc(e.field_name)], ['Value', e => esc(e.field_value)],
    ['Type', e => esc(e.error_type)], ['Message', e => esc(e.error_message)]], errors.items);
}

async function route() {
  clearProblem();
  const signedIn = Boolean(state.token);
  $('login-view').hidden = signedIn; $('nav').hidden = !signedIn; $('logout').hidden = !signedIn;
  $('who').textContent = signedIn && state.user ? `${state.user.username} (${state.user.role})` : '';
  document.querySelectorAll('.view').forEach(v => v.hidden = true);
  if (!signedIn) return;
  const name = (location.hash || '#dashboard').slice(1);
  const view = views[name] ? name : 'dashboard';
  $(view).hidden = false;
  try { await views[view](); } catch (e) { showProblem(e); }
}

function signOut() { state.token = null; state.refresh = null; state.user = null; sessionStorage.clear(); route(); }

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    const answer = await api('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: form.get('username'), password: form.get('password') }) });
    keepSession(answer);
    route();
  } catch (e) { showProblem(e); }
});

// Logout ends the access token and, with the refresh token in the body, the whole login behind it.
$('logout').addEventListener('click', async () => {
  try {
    await api('/api/auth/logout', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(state.refresh ? { refresh_token: state.refresh } : {}) });
  } catch (e) { /* already gone */ }
  signOut();
});

$('upload-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  clearProblem();
  const form = new FormData(event.target);
  const list = (name) => String(form.get(name) || '').split(',').map(s => s.trim()).filter(Boolean);
  try {
    const body = new FormData(); body.append('file', form.get('file'));
    const file = await api('/api/data/upload', { method: 'POST', body });
    const started = await api(`/api/data/files/${file.id}/process`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ target_table: form.get('target'), validation_rules: { required_fields: list('required'), email_format: list('email'), positive_numbers: list('positive') } }) });
    const result = $('upload-result');
    const poll = async () => {
      const job = await api(`/api/jobs/${started.job_id}`);
      result.innerHTML = `<p>File ${file.id}, job ${job.id}: <span class="status-${esc(job.status)}">${esc(job.status)}</span> — read ${job.progress.rows_read}, valid ${job.progress.rows_valid}, rejected ${job.progress.rows_rejected}, loaded ${job.progress.rows_loaded}</p>`;
      if (job.status === 'completed' || job.status === 'failed') { await showFile(file.id); location.hash = '#files'; views.files(); $('files').hidden = false; $('upload').hidden = true; }
      else setTimeout(poll, 700);
    };
    poll();
  } catch (e) { showProblem(e); }
});

document.addEventListener('click', (event) => {
  const id = event.target.dataset && event.target.dataset.file;
  if (id) { event.preventDefault(); showFile(id).catch(showProblem); }
});
window.addEventListener('hashchange', route);
route();

// each target's own default rules, so switching the target never sends rules about columns it does not have
const defaultRules = {
  customers: { required: 'customer_code,name', email: 'email', positive: 'credit_limit' },
  orders: { required: 'order_number,customer_code', email: '', positive: 'total_amount' }
};
document.querySelector('#upload-form select[name="target"]').addEventListener('change', (event) => {
  const rules = defaultRules[event.target.value];
  for (const [name, value] of Object.entries(rules)) event.target.form.elements[name].value = value;
});
