// The ONEX history viewer: find an instance, read its timeline, step through its states, replay it
// against another definition version. Plain ES module, no dependencies; every call goes to the
// gateway's own /v1 API with the credential the user entered (kept in sessionStorage, this tab).
// Data from the engine is only ever set as text (textContent), never as markup.

const CREDENTIAL = 'onex.credential';
const STATUSES = ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'DIVERGED'];
const FINAL = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

let me = null; // {principal, roles, authenticated}
let leaveView = () => {}; // stops what the current view runs (a live stream)
let generation = 0; // counts the views drawn; a view that is no longer current draws nothing more

// ---- small DOM helpers -----------------------------------------------------------------------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function badge(status) {
  return el('span', { class: `badge ${status}`, 'data-status': status }, status);
}

function show(text, error = false) {
  const box = document.getElementById('message');
  box.textContent = text;
  box.className = error ? 'message error' : 'message';
  box.hidden = !text;
}

function time(value) {
  return value ? new Date(value).toLocaleString() : '';
}

// ---- the API ---------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

function credentialHeaders() {
  const stored = sessionStorage.getItem(CREDENTIAL);
  if (!stored) return {};
  const { kind, value } = JSON.parse(stored);
  return kind === 'bearer' ? { Authorization: `Bearer ${value}` } : { 'X-API-Key': value };
}

async function api(method, path, body) {
  const headers = { Accept: 'application/json', ...credentialHeaders() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (ignored) {
    json = null;
  }
  if (response.status === 401) {
    askForCredentials('The gateway needs credentials: ' + ((json && json.detail) || 'sign in'));
    throw new ApiError(401, json);
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

/** Follows a Server-Sent Events stream with the credential; calls onEvent with each data's JSON. */
async function follow(path, onEvent, signal) {
  const response = await fetch(path, {
    headers: { Accept: 'text/event-stream', ...credentialHeaders() },
    signal,
  });
  if (!response.ok) throw new ApiError(response.status, null);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n');
      if (data) onEvent(JSON.parse(data));
    }
  }
}

// ---- who is signed in ------------------------------------------------------------------------

function askForCredentials(reason) {
  document.getElementById('sign-in').hidden = false;
  document.getElementById('view').hidden = true;
  if (reason) show(reason, true);
}

async function whoAmI() {
  me = await api('GET', '/v1/me');
  document.getElementById('sign-in').hidden = true;
  document.getElementById('view').hidden = false;
  document.getElementById('who').textContent = me.authenticated
    ? `${me.principal} (${me.roles.join(', ')})`
    : 'authentication off';
  document.getElementById('sign-out').hidden = !me.authenticated;
}

/** Whether the signed-in caller may use the operator controls on instances of {@code type}. */
function mayOperate(type) {
  if (!me) return false;
  return me.roles.some((grant) => {
    const [role, scope] = grant.split('@');
    return (role === 'operator' || role === 'admin') && (!scope || scope === type);
  });
}

// ---- routing ---------------------------------------------------------------------------------

function route() {
  generation += 1;
  leaveView();
  leaveView = () => {};
  show('');
  const hash = location.hash.replace(/^#/, '') || '/instances';
  const [path, query = ''] = hash.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query);
  const view = document.getElementById('view');
  view.replaceChildren();
  let rendering;
  if (parts[0] === 'instance' && parts.length === 3) rendering = instancePage(view, parts[1], parts[2]);
  else if (parts[0] === 'gate') rendering = gatePage(view, parts[1], params);
  else rendering = instancesPage(view, params);
  rendering.catch((error) => {
    if (!(error instanceof ApiError && error.status === 401)) show(error.message, true);
  });
}

// ---- the instance list -----------------------------------------------------------------------

async function instancesPage(view, params) {
  const mine = generation;
  const catalogue = await api('GET', '/v1/workflows');
  if (mine !== generation) return;
  const workflows = catalogue.workflows || [];
  const form = el(
    'form',
    { class: 'filters', id: 'filters' },
    el('label', {}, 'Type', el('select', { name: 'type', id: 'filter-type' },
      el('option', { value: '' }, 'any'),
      workflows.map((w) => el('option', { value: w.type, selected: params.get('type') === w.type }, w.type)))),
    el('label', {}, 'Status', el('select', { name: 'status', id: 'filter-status' },
      el('option', { value: '' }, 'any'),
      STATUSES.map((s) => el('option', { value: s, selected: params.get('status') === s }, s)))),
    el('label', {}, 'Version', el('input', { name: 'version', id: 'filter-version', size: 4, value: params.get('version') || '' })),
    el('label', {}, 'Started after', el('input', { name: 'startedAfter', type: 'datetime-local', value: params.get('startedAfter') || '' })),
    el('label', {}, 'Updated before', el('input', { name: 'updatedBefore', type: 'datetime-local', value: params.get('updatedBefore') || '' })),
    el('label', {}, 'Search attribute (name=value)', el('input', { name: 'attr', id: 'filter-attr', value: params.get('attr') || '' })),
    el('button', { type: 'submit', id: 'apply-filters' }, 'Apply'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (value) next.set(key, value);
    location.hash = '#/instances?' + next.toString();
  });
  const counts = el('div', { class: 'counts', id: 'status-counts' });
  const selected = workflows.filter((w) => !params.get('type') || w.type === params.get('type'));
  let total = 0;
  for (const status of STATUSES) {
    const n = selected.reduce((sum, w) => sum + ((w.statuses && w.statuses[status]) || 0), 0);
    total += n;
    counts.append(el('span', { class: 'count', 'data-status': status }, `${status} ${n}`));
  }
  counts.prepend(el('span', { class: 'count' }, `all ${total}`));
  view.append(el('section', { class: 'panel' }, el('h2', {}, 'Instances'), form, counts));

  const query = new URLSearchParams();
  for (const key of ['status', 'version']) if (params.get(key)) query.set(key, params.get(key));
  for (const key of ['startedAfter', 'updatedBefore']) {
    if (params.get(key)) query.set(key, new Date(params.get(key)).toISOString());
  }
  if (params.get('attr') && params.get('attr').includes('=')) {
    const [name, ...value] = params.get('attr').split('=');
    query.set(`attr.${name.trim()}`, value.join('=').trim());
  }
  query.set('pageSize', '25');
  if (params.get('pageToken')) query.set('pageToken', params.get('pageToken'));
  const base = params.get('type')
    ? `/v1/workflows/${encodeURIComponent(params.get('type'))}/instances`
    : '/v1/instances';
  const page = await api('GET', `${base}?${query}`);
  if (mine !== generation) return;
  const rows = page.instances.map((i) =>
    el('tr', { class: 'instance', 'data-id': i.instanceId },
      el('td', {}, el('a', { href: `#/instance/${encodeURIComponent(i.type)}/${encodeURIComponent(i.instanceId)}`, class: 'instance-link' }, i.instanceId)),
      el('td', {}, i.type),
      el('td', {}, badge(i.status)),
      el('td', {}, `v${i.version}`),
      el('td', {}, time(i.startedAt)),
      el('td', {}, time(i.updatedAt)),
      el('td', {}, String(i.lastSequence)),
      el('td', {}, String(i.pendingIntents)),
      el('td', {}, i.failureReason || '')));
  const pager = el('div', { class: 'pager' });
  if (params.get('pageToken')) {
    pager.append(el('button', { type: 'button', class: 'secondary', onclick: () => history.back() }, 'Previous page'));
  }
  if (page.nextPageToken) {
    pager.append(el('button', {
      type: 'button', id: 'next-page', class: 'secondary',
      onclick: () => {
        const next = new URLSearchParams(params);
        next.set('pageToken', page.nextPageToken);
        location.hash = '#/instances?' + next.toString();
      },
    }, 'Next page'));
  }
  view.append(el('section', { class: 'panel' },
    el('table', { id: 'instances' },
      el('thead', {}, el('tr', {}, ['Instance', 'Type', 'Status', 'Version', 'Started', 'Updated', 'Events', 'Pending intents', 'Failure'].map((h) => el('th', {}, h)))),
      el('tbody', {}, rows.length ? rows : el('tr', {}, el('td', { colspan: 9, class: 'muted' }, 'No instance matches.')))),
    pager));
}

// ---- one instance ----------------------------------------------------------------------------

async function instancePage(view, type, id) {
  const mine = generation;
  const base = `/v1/workflows/${encodeURIComponent(type)}/instances/${encodeURIComponent(id)}`;
  const [instance, catalogue] = await Promise.all([api('GET', base), api('GET', '/v1/workflows')]);
  const workflow = (catalogue.workflows || []).find((w) => w.type === type) || { versions: [] };
  const events = [];
  let page = { nextFromSeq: 1 };
  while (page.nextFromSeq) {
    page = await api('GET', `${base}/history?fromSeq=${page.nextFromSeq}`);
    events.push(...page.events);
  }
  if (mine !== generation) return;

  const header = el('section', { class: 'panel', id: 'instance-header' });
  const pending = el('section', { class: 'panel', id: 'pending' });
  const timeline = el('tbody', {});
  const detail = el('section', { class: 'panel', id: 'event-detail' },
    el('p', { class: 'muted' }, 'Select an event to see the state right after it and what it changed.'));
  let selectedSeq = null;
  let live = false;
  let shown = null; // the instance as last drawn

  function renderHeader(current) {
    const timers = current.pendingIntents.filter((p) => p.type === 'timer').length;
    header.replaceChildren(
      el('h2', {}, `${type} / ${id}`),
      el('div', { class: 'facts' },
        el('div', {}, el('span', {}, 'Status'), badge(current.status), current.statusReason ? ` ${current.statusReason}` : ''),
        el('div', {}, el('span', {}, 'Version'), `v${current.definitionVersion}`),
        el('div', {}, el('span', {}, 'Epoch'), String(current.epoch)),
        el('div', {}, el('span', {}, 'Events'), el('b', { id: 'event-count' }, String(current.sequence))),
        el('div', {}, el('span', {}, 'Pending intents'), String(current.pendingIntents.length - timers)),
        el('div', {}, el('span', {}, 'Timers'), String(timers)),
        el('div', { id: 'live-indicator' }, live ? el('span', { class: 'live', id: 'live' }, '● live') : '')),
      controls(current));
  }

  function controls(current) {
    if (!mayOperate(type)) return el('p', { class: 'muted', id: 'controls-hidden' }, 'Operator controls need the operator role.');
    const box = el('div', { class: 'actions', id: 'controls' });
    if (!FINAL.has(current.status)) {
      box.append(confirming('Terminate', 'terminate', 'Reason', async (reason) => {
        await api('POST', `${base}/terminate`, { reason });
        return 'Terminated.';
      }));
    }
    const versions = (workflow.versions || []).map((v) => v.version).filter((v) => v !== current.definitionVersion);
    if (versions.length) {
      box.append(confirming('Migrate', 'migrate', `Version (${versions.join(', ')})`, async (version) => {
        await api('POST', `${base}/migrate`, { definitionVersion: Number(version) });
        return `Migrated to v${version}.`;
      }));
    }
    return box;
  }

  /** A button that asks for one value and a confirmation before it acts. */
  function confirming(label, name, question, act) {
    const wrapper = el('span', { class: 'confirming' });
    const start = el('button', { type: 'button', class: 'secondary', id: `control-${name}` }, `${label}…`);
    start.addEventListener('click', () => {
      const input = el('input', { id: `control-${name}-value`, 'aria-label': question, required: true });
      const yes = el('button', { type: 'button', class: 'danger', id: `control-${name}-confirm` }, `Confirm ${label.toLowerCase()}`);
      const no = el('button', { type: 'button', class: 'secondary' }, 'Cancel');
      no.addEventListener('click', () => wrapper.replaceChildren(start));
      yes.addEventListener('click', async () => {
        if (!input.value.trim()) { input.focus(); return; }
        yes.disabled = true;
        try {
          show(await act(input.value.trim()));
          await refresh();
        } catch (error) {
          show(error.message, true);
        }
        wrapper.replaceChildren(start);
      });
      wrapper.replaceChildren(el('label', {}, question, input), yes, no);
      input.focus();
    });
    wrapper.append(start);
    return wrapper;
  }

  function renderPending(current) {
    const rows = current.pendingIntents.map((p) =>
      el('tr', { 'data-intent': p.intentId },
        el('td', {}, p.intentId),
        el('td', {}, `${p.type}:${p.target}`),
        el('td', {}, String(p.attempts)),
        el('td', {}, p.lastError || ''),
        el('td', {}, time(p.nextAttemptAt)),
        el('td', {}, mayOperate(type) && p.type !== 'timer'
          ? el('span', { class: 'actions' },
            confirming('Retry', `retry-${p.intentId}`, 'Reason', async (reason) => {
              await api('POST', `${base}/intents/${encodeURIComponent(p.intentId)}/retry`, { reason });
              return `Intent ${p.intentId} runs again.`;
            }),
            confirming('Skip', `skip-${p.intentId}`, 'Reason', async (reason) => {
              await api('POST', `${base}/intents/${encodeURIComponent(p.intentId)}/skip`, { outcome: 'SUCCEEDED', reason });
              return `Intent ${p.intentId} skipped.`;
            }))
          : '')));
    pending.replaceChildren(el('h3', {}, 'Pending intents'),
      rows.length
        ? el('table', {}, el('thead', {}, el('tr', {}, ['Intent', 'Handler:target', 'Attempts', 'Last error', 'Next attempt', ''].map((h) => el('th', {}, h)))), el('tbody', {}, rows))
        : el('p', { class: 'muted' }, 'None.'));
  }

  function causedBy(event) {
    const cause = event.causationId;
    if (!cause || cause === event.action.actionId) return el('span', { class: 'muted' }, event.action.metadata && event.action.metadata['onex.principal'] ? `caller ${event.action.metadata['onex.principal']}` : 'caller');
    const byAction = events.find((e) => e.action.actionId === cause);
    if (byAction) return el('a', { href: '#', class: 'cause', 'data-seq': byAction.sequence, onclick: (e) => { e.preventDefault(); e.stopPropagation(); select(byAction.sequence); } }, `#${byAction.sequence}`);
    const byIntent = events.find((e) => (e.intents || []).some((i) => i.intentId === cause));
    if (byIntent) {
      const intent = byIntent.intents.find((i) => i.intentId === cause);
      return el('a', { href: '#', class: 'cause', 'data-seq': byIntent.sequence, onclick: (e) => { e.preventDefault(); e.stopPropagation(); select(byIntent.sequence); } }, `${intent.type}:${intent.target} of #${byIntent.sequence}`);
    }
    return el('span', { class: 'muted' }, cause);
  }

  function timelineRow(event) {
    return el('tr', { class: 'event', 'data-seq': event.sequence, onclick: () => select(event.sequence) },
      el('td', {}, String(event.sequence)),
      el('td', {}, time(event.timestamp)),
      el('td', { class: 'action-type' }, event.action.type),
      el('td', {}, causedBy(event)),
      el('td', {}, (event.intents || []).map((i) => `${i.type}:${i.target}`).join(', ')),
      el('td', { class: 'outcome' }, badge(event.status), event.statusReason ? ` ${event.statusReason}` : '',
        intentOutcome(event)));
  }

  /** For an intent's outcome reported back: whether it succeeded, after how many attempts. */
  function intentOutcome(event) {
    const payload = event.action.payload || {};
    if (event.action.type === 'IntentSucceeded') {
      return el('div', { class: 'muted' }, `intent succeeded (attempts: ${payload.attempts ?? '?'})`);
    }
    if (event.action.type === 'IntentFailed') {
      return el('div', { class: 'muted' }, `intent failed: ${payload.error || ''} (attempts: ${payload.attempts ?? '?'})`);
    }
    return '';
  }

  async function select(sequence) {
    selectedSeq = sequence;
    for (const row of timeline.querySelectorAll('tr.event')) {
      row.classList.toggle('selected', Number(row.dataset.seq) === sequence);
    }
    const after = await api('GET', `${base}/state?atSeq=${sequence}`);
    const before = sequence > 1 ? await api('GET', `${base}/state?atSeq=${sequence - 1}`) : { state: null };
    const changes = diff(before.state, after.state);
    const event = events.find((e) => e.sequence === sequence);
    detail.replaceChildren(
      el('h3', {}, `Event #${sequence}: ${event ? event.action.type : ''}`),
      el('div', { class: 'columns' },
        el('div', {}, el('h3', {}, 'State right after it'), renderJson(after.state, changes, 'state-after')),
        el('div', {}, el('h3', {}, `Changes from event #${sequence - 1}`), renderChanges(changes))));
  }

  /** Draws the instance again, if it changed (so that no button is replaced under the cursor). */
  async function refresh() {
    const current = await api('GET', base);
    if (mine === generation && JSON.stringify(current) !== shown) {
      draw(current);
    }
    return current;
  }

  function draw(current) {
    shown = JSON.stringify(current);
    renderHeader(current);
    renderPending(current);
  }

  draw(instance);
  events.forEach((event) => timeline.append(timelineRow(event)));
  view.append(header, pending,
    el('section', { class: 'panel' }, el('h3', {}, 'Timeline'),
      el('table', { id: 'timeline' },
        el('thead', {}, el('tr', {}, ['#', 'Time', 'Action', 'Caused by', 'Intents emitted', 'Outcome (status after)'].map((h) => el('th', {}, h)))),
        timeline)),
    detail,
    replayPanel(type, base, workflow, instance));

  // live: events journaled from now on come in as they are written, until the instance ends
  if (!FINAL.has(instance.status)) {
    const stop = new AbortController();
    // attempts and errors of pending intents change without events: look again now and then
    // (not while a confirmation is open: the controls would be drawn again under the user)
    const polling = setInterval(() => {
      if (!document.querySelector('.confirming input')) refresh().catch(() => {});
    }, 3000);
    stop.signal.addEventListener('abort', () => clearInterval(polling));
    leaveView = () => stop.abort();
    const indicator = () => document.getElementById('live-indicator');
    live = true;
    indicator().replaceChildren(el('span', { class: 'live', id: 'live' }, '● live'));
    const from = (events.length ? events[events.length - 1].sequence : 0) + 1;
    follow(`${base}/events?fromSeq=${from}`, async (event) => {
      if (events.some((e) => e.sequence === event.sequence)) return;
      events.push(event);
      timeline.append(timelineRow(event));
      const current = await refresh();
      if (selectedSeq !== null) {
        for (const row of timeline.querySelectorAll('tr.event')) row.classList.toggle('selected', Number(row.dataset.seq) === selectedSeq);
      }
      if (FINAL.has(current.status)) stop.abort();
    }, stop.signal).catch(() => {}).finally(() => {
      live = false;
      clearInterval(polling);
      if (mine === generation && indicator()) indicator().replaceChildren();
    });
  }
}

// ---- replay ----------------------------------------------------------------------------------

function replayPanel(type, base, workflow, instance) {
  const versions = (workflow.versions || []).map((v) => v.version);
  const select = el('select', { id: 'replay-version' },
    versions.map((v) => el('option', { value: v, selected: v === instance.definitionVersion }, `v${v}`)));
  const result = el('div', { id: 'replay-result' });
  const run = el('button', { type: 'button', id: 'run-replay' }, 'Run replay');
  run.addEventListener('click', async () => {
    run.disabled = true;
    try {
      const report = await api('POST', `${base}/replay`, { definitionVersion: Number(select.value) });
      result.replaceChildren(renderReport(report));
    } catch (error) {
      show(error.message, true);
    }
    run.disabled = false;
  });
  return el('section', { class: 'panel', id: 'replay' },
    el('h3', {}, 'Replay against a definition version'),
    el('div', { class: 'actions' }, el('label', {}, 'Version', select), run,
      el('a', { href: `#/gate/${encodeURIComponent(type)}` }, 'Deploy gate for this type')),
    result);
}

function renderReport(report) {
  const divergence = report.firstDivergence;
  if (!divergence) {
    return el('p', { class: 'agrees', id: 'replay-agrees' },
      `Version v${report.definitionVersion} agrees with all ${report.events.length} events.`);
  }
  const marks = new Map((divergence.stateDifferences || []).map((d) => [normalise(d.path), 'changed']));
  const expected = JSON.stringify(divergence.expectedIntents || []);
  const actual = JSON.stringify(divergence.actualIntents || []);
  return el('div', { id: 'divergence' },
    el('p', {}, 'First diverging event: ',
      el('b', { id: 'diverging-seq', 'data-seq': divergence.sequence }, `#${divergence.sequence}`),
      divergence.event ? ` (${divergence.event.action.type})` : '',
      ` — ${divergence.reason}`, divergence.error ? `: ${divergence.error}` : ''),
    el('div', { class: 'columns' },
      el('div', {}, el('h3', {}, 'Expected (journaled) state'), renderJson(divergence.expectedState, marks, 'expected-state')),
      el('div', {}, el('h3', {}, `Actual state under v${report.definitionVersion}`), renderJson(divergence.actualState, marks, 'actual-state'))),
    el('h3', {}, 'State differences'),
    el('ul', { class: 'diff', id: 'state-differences' },
      (divergence.stateDifferences || []).map((d) =>
        el('li', { class: 'changed' }, `${d.path}: ${JSON.stringify(d.expected)} → ${JSON.stringify(d.actual)}`))),
    el('h3', {}, expected === actual ? 'Intents: the same' : 'Intents differ'),
    expected === actual ? '' : el('div', { class: 'columns', id: 'intent-differences' },
      el('div', {}, el('h3', {}, 'Expected'), intentList(divergence.expectedIntents, divergence.actualIntents)),
      el('div', {}, el('h3', {}, 'Actual'), intentList(divergence.actualIntents, divergence.expectedIntents))));
}

function intentList(intents, other) {
  const key = (i) => `${i.type}:${i.target} ${JSON.stringify(i.payload)}`;
  const others = new Set((other || []).map(key));
  return el('ul', { class: 'diff' }, (intents || []).map((i) =>
    el('li', { class: others.has(key(i)) ? '' : 'changed' }, key(i))));
}

// ---- the deploy gate -------------------------------------------------------------------------

async function gatePage(view, type, params) {
  const mine = generation;
  const catalogue = await api('GET', '/v1/workflows');
  if (mine !== generation) return;
  const workflows = catalogue.workflows || [];
  const workflow = workflows.find((w) => w.type === type);
  const typeSelect = el('select', { id: 'gate-type', onchange: (e) => { location.hash = `#/gate/${encodeURIComponent(e.target.value)}`; } },
    el('option', { value: '' }, 'choose a type'),
    workflows.map((w) => el('option', { value: w.type, selected: w.type === type }, w.type)));
  const panel = el('section', { class: 'panel', id: 'gate' }, el('h2', {}, 'Deploy gate'),
    el('p', { class: 'muted' }, 'Replays every unfinished instance of a type against a version and lists those that would diverge.'),
    el('label', {}, 'Type', typeSelect));
  view.append(panel);
  if (!workflow) return;
  const version = el('select', { id: 'gate-version' },
    workflow.versions.map((v) => el('option', { value: v.version, selected: String(v.version) === params.get('version') }, `v${v.version}`)));
  const result = el('div', { id: 'gate-result' });
  const run = el('button', { type: 'button', id: 'run-gate' }, 'Check');
  run.addEventListener('click', async () => {
    run.disabled = true;
    try {
      const check = await api('POST', `/v1/workflows/${encodeURIComponent(type)}/replay-check`, { definitionVersion: Number(version.value) });
      result.replaceChildren(
        el('p', { id: 'gate-summary' }, check.diverging.length
          ? `${check.diverging.length} of ${check.checked} unfinished instances would diverge under v${check.definitionVersion}.`
          : `All ${check.checked} unfinished instances agree with v${check.definitionVersion}.`),
        el('table', {}, el('tbody', {}, check.diverging.map((r) => el('tr', {},
          el('td', {}, el('a', { href: `#/instance/${encodeURIComponent(type)}/${encodeURIComponent(r.instanceId)}` }, r.instanceId)),
          el('td', {}, r.firstDivergence ? `first diverging event #${r.firstDivergence.sequence}: ${r.firstDivergence.reason}` : ''))))));
    } catch (error) {
      show(error.message, true);
    }
    run.disabled = false;
  });
  panel.append(el('div', { class: 'actions' }, el('label', {}, 'Version', version), run), result);
}

// ---- states and their differences ------------------------------------------------------------

function normalise(path) {
  return path.startsWith('/') ? path : '/' + path.replace(/^\$\.?/, '').replace(/\./g, '/');
}

/** The leaves of a JSON value by JSON pointer; an empty object or array is a leaf. */
function flatten(value, path = '', into = new Map()) {
  if (value !== null && typeof value === 'object' && Object.keys(value).length > 0) {
    for (const [key, child] of Object.entries(value)) flatten(child, `${path}/${key}`, into);
  } else {
    into.set(path || '/', value === undefined ? null : value);
  }
  return into;
}

/** What changed from {@code before} to {@code after}: a map from JSON pointer to added/removed/changed. */
function diff(before, after) {
  const was = before === null || before === undefined ? new Map() : flatten(before);
  const now = flatten(after);
  const changes = new Map();
  for (const [path, value] of now) {
    if (!was.has(path)) changes.set(path, { kind: 'added', after: value });
    else if (JSON.stringify(was.get(path)) !== JSON.stringify(value)) changes.set(path, { kind: 'changed', before: was.get(path), after: value });
  }
  for (const [path, value] of was) {
    // an empty object or array that got members was not removed: its members were added
    const filled = [...now.keys()].some((other) => other.startsWith(path + '/'));
    if (!now.has(path) && !filled) changes.set(path, { kind: 'removed', before: value });
  }
  return changes;
}

function renderChanges(changes) {
  if (!changes.size) return el('p', { class: 'muted', id: 'no-changes' }, 'The state did not change.');
  return el('ul', { class: 'diff', id: 'changes' }, [...changes].map(([path, change]) =>
    el('li', { class: change.kind, 'data-path': path, 'data-kind': change.kind },
      change.kind === 'added' ? `+ ${path}: ${JSON.stringify(change.after)}`
        : change.kind === 'removed' ? `− ${path}: ${JSON.stringify(change.before)}`
          : `~ ${path}: ${JSON.stringify(change.before)} → ${JSON.stringify(change.after)}`)));
}

/** Pretty-prints {@code value}, marking each leaf whose pointer {@code marks} names. */
function renderJson(value, marks, id) {
  const pre = el('pre', { class: 'json', id });
  const kindOf = (path) => {
    const mark = marks.get(path);
    return mark ? (typeof mark === 'string' ? mark : mark.kind) : null;
  };
  // a mark on an object or array marks everything inside it
  function write(node, path, indent, inherited) {
    const kind = kindOf(path || '/') || inherited;
    if (node !== null && typeof node === 'object' && Object.keys(node).length > 0) {
      const array = Array.isArray(node);
      pre.append(array ? '[\n' : '{\n');
      const entries = Object.entries(node);
      entries.forEach(([key, child], index) => {
        pre.append('  '.repeat(indent + 1) + (array ? '' : `${JSON.stringify(key)}: `));
        write(child, `${path}/${key}`, indent + 1, kind);
        pre.append(index < entries.length - 1 ? ',\n' : '\n');
      });
      pre.append('  '.repeat(indent) + (array ? ']' : '}'));
    } else {
      pre.append(el('span', { class: kind || undefined, 'data-path': path || '/' }, JSON.stringify(node === undefined ? null : node)));
    }
  }
  write(value, '', 0, null);
  return pre;
}

// ---- start -----------------------------------------------------------------------------------

document.getElementById('sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  sessionStorage.setItem(CREDENTIAL, JSON.stringify({
    kind: document.getElementById('credential-kind').value,
    value: document.getElementById('credential').value,
  }));
  document.getElementById('credential').value = '';
  try {
    await whoAmI();
    show('');
    route();
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) show(error.message, true);
  }
});
document.getElementById('sign-out').addEventListener('click', () => {
  sessionStorage.removeItem(CREDENTIAL);
  me = null;
  document.getElementById('who').textContent = '';
  askForCredentials('Signed out.');
});
window.addEventListener('hashchange', route);

whoAmI().then(route).catch((error) => {
  if (!(error instanceof ApiError && error.status === 401)) show(error.message, true);
});
