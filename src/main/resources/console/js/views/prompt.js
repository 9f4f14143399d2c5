// A prompt's page: versions, one version, the editor, the diff of two versions, labels (publish, roll back,
// history) and the playground.
import {h, fill, append, field, form, input, select, when, confirmDialog} from '../dom.js';
import {call, describe, promptPath, enc} from '../api.js';
import {go, notice, showError, refresh, who} from '../app.js';
import {detect, detectAll, sources} from '../template.js';

const TABS = [['versions', 'Versions'], ['edit', 'New version'], ['diff', 'Diff'], ['labels', 'Labels'],
              ['playground', 'Playground']];

export async function page(view, ctx, slug, tab, params) {
  const base = promptPath(ctx.slug, slug);
  const [{prompt}, {versions}] = await Promise.all([call('GET', base), call('GET', base + '/versions?limit=200')]);
  const href = t => '#/p/' + enc(ctx.slug) + '/prompts/' + enc(slug) + '/' + t;
  const tabs = TABS.filter(([t]) => t !== 'edit' || ctx.can.edit)
    .map(([t, text]) => h('a', {href: href(t), class: 'tab', 'aria-current': t === tab ? 'page' : null,
                                'data-test': 'tab-' + t}, text));
  const body = h('section', {class: 'tab-body'});
  fill(view,
       h('h1', {}, prompt.name),
       h('p', {class: 'muted'}, h('code', {}, prompt.slug), ' · ', prompt.type, ' prompt',
         prompt.description ? ' · ' : '', prompt.description || ''),
       h('nav', {class: 'tabs', 'aria-label': 'Prompt'}, tabs),
       body);
  const p = {ctx, prompt, versions, base, href};
  switch (tab) {
    case 'edit': return editor(body, p, params);
    case 'diff': return diff(body, p, params);
    case 'labels': return labels(body, p);
    case 'playground': return playground(body, p, params);
    default: return versionsTab(body, p, params);
  }
}

function labelsAt(prompt, number) {
  return Object.entries(prompt.labels || {}).filter(([, v]) => v === number).map(([name]) => name).sort();
}

function badge(name) {
  return h('span', {class: 'badge' + (name === 'production' ? ' prod' : '')}, name);
}

function pretty(json) {
  return json === null || json === undefined ? '—' : JSON.stringify(json, null, 2);
}

async function versionsTab(body, p, params) {
  if (!p.versions.length) {
    fill(body, h('p', {class: 'muted'}, 'No versions yet. ',
                 p.ctx.can.edit ? h('a', {href: p.href('edit')}, 'Write the first one.') : ''));
    return;
  }
  const chosen = Number(params.get('v')) || p.versions[0].number;
  const rows = p.versions.map(v => h('tr', {class: v.number === chosen ? 'selected' : null},
    h('td', {}, h('a', {href: p.href('versions') + '?v=' + v.number, 'data-test': 'version-link'}, 'v' + v.number)),
    h('td', {}, v.message || h('span', {class: 'muted'}, '(no message)')),
    h('td', {}, who(p.ctx, v.created_by)),
    h('td', {}, when(v.created_at)),
    h('td', {class: 'labels'}, labelsAt(p.prompt, v.number).map(badge))));
  const list = h('div', {class: 'scroll'}, h('table', {'data-test': 'versions'},
    h('thead', {}, h('tr', {}, ['Version', 'Message', 'Author', 'Date', 'Labels'].map(t => h('th', {scope: 'col'}, t)))),
    h('tbody', {}, rows)));
  const detail = h('div', {class: 'card', 'data-test': 'version-detail'});
  fill(body, h('div', {class: 'split'}, list, detail));
  const {version} = await call('GET', p.base + '/versions/' + chosen);
  fill(detail, h('h2', {}, 'Version ' + version.number), versionBody(version),
       h('h3', {}, 'Variables'),
       version.variables.length ? h('ul', {class: 'chips'}, version.variables.map(n => h('li', {}, n)))
                                : h('p', {class: 'muted'}, 'none'),
       h('h3', {}, 'Config'), h('pre', {class: 'code'}, pretty(version.config)),
       p.ctx.can.edit ? h('p', {}, h('a', {href: p.href('edit') + '?from=' + version.number}, 'New version from this one'))
                      : null);
}

function versionBody(version) {
  if (typeof version.template === 'string') {
    return [h('h3', {}, 'Template'), h('pre', {class: 'code', 'data-test': 'template'}, version.template)];
  }
  return [h('h3', {}, 'Messages'), h('ol', {class: 'messages', 'data-test': 'messages'},
    (version.messages || []).map(m => h('li', {}, h('span', {class: 'role'}, m.role),
                                          h('pre', {class: 'code'}, m.content))))];
}

async function editor(body, p, params) {
  const from = Number(params.get('from')) || (p.versions[0] && p.versions[0].number);
  const start = from ? (await call('GET', p.base + '/versions/' + from)).version : null;
  const detected = h('ul', {class: 'chips', 'aria-live': 'polite', 'data-test': 'detected'});
  const chat = p.prompt.type === 'chat';
  const messagesBox = h('div', {class: 'messages-edit'});
  const template = h('textarea', {name: 'template', rows: 12, spellcheck: 'false', class: 'mono', 'data-test': 'template-input'});
  const update = () => {
    const texts = chat ? [...messagesBox.querySelectorAll('textarea')].map(t => t.value) : [template.value];
    const {variables, sections} = detectAll(texts);
    fill(detected, variables.length
      ? variables.map(n => h('li', {}, n + (sections.has(n) ? ' (section)' : '')))
      : h('li', {class: 'muted'}, 'no variables'));
  };
  const addMessage = (role, content) => {
    const text = h('textarea', {rows: 4, class: 'mono', spellcheck: 'false', 'data-test': 'message-content'});
    text.value = content;
    text.addEventListener('input', update);
    const row = h('fieldset', {class: 'message'}, h('legend', {}, 'Message'),
                  field('Role', select('role', ['system', 'user', 'assistant'], role)),
                  field('Content', text),
                  h('button', {type: 'button', class: 'small', onclick: () => { row.remove(); update(); }}, 'Remove'));
    messagesBox.append(row);
  };
  if (chat) {
    const initial = start && start.messages ? start.messages : [{role: 'system', content: ''}];
    initial.forEach(m => addMessage(m.role, m.content));
  } else {
    template.value = start && typeof start.template === 'string' ? start.template : '';
    template.addEventListener('input', update);
  }
  const config = h('textarea', {name: 'config', rows: 4, class: 'mono', spellcheck: 'false'});
  config.value = start && start.config ? JSON.stringify(start.config, null, 2) : '';
  const message = input({name: 'message', maxlength: 500, 'data-test': 'version-message'});
  const editorFields = chat
    ? [messagesBox, h('button', {type: 'button', class: 'small', onclick: () => { addMessage('user', ''); update(); }},
                      'Add message')]
    : [field('Template', template, 'Mustache: {{name}}, sections {{#items}}…{{/items}}.')];
  fill(body,
       h('h2', {}, start ? 'New version (from v' + start.number + ')' : 'First version'),
       form({class: 'card', 'data-test': 'editor'}, [
         editorFields,
         h('div', {class: 'detected'}, h('h3', {}, 'Variables detected'), detected),
         field('Config (JSON object, optional)', config),
         field('Message', message, 'What changed, for the version list.'),
       ], 'Save version', async () => {
         const payload = {};
         if (chat) {
           payload.messages = [...messagesBox.querySelectorAll('fieldset')].map(fs => ({
             role: fs.querySelector('select').value, content: fs.querySelector('textarea').value}));
         } else {
           payload.template = template.value;
         }
         if (config.value.trim()) {
           try { payload.config = JSON.parse(config.value); } catch (e) {
             throw new Error('config is not valid JSON: ' + e.message);
           }
         }
         if (message.value.trim()) payload.message = message.value;
         const {version} = await call('POST', p.base + '/versions', payload);
         notice('Version ' + version.number + ' saved.');
         go(p.href('versions') + '?v=' + version.number);
       }, e => e instanceof Error && !('status' in e) ? e.message : describe(e)));
  update();
}

function versionChoice(name, versions, value) {
  const s = h('select', {name, 'data-test': 'choose-' + name},
              versions.map(v => h('option', {value: v.number, selected: v.number === value}, 'v' + v.number)));
  return s;
}

async function diff(body, p, params) {
  if (p.versions.length < 2) {
    fill(body, h('p', {class: 'muted'}, 'A diff needs two versions.'));
    return;
  }
  const b = Number(params.get('b')) || p.versions[0].number;
  const a = Number(params.get('a')) || p.versions[1].number;
  const out = h('div', {class: 'diff', 'data-test': 'diff', role: 'region', 'aria-label': 'Differences'});
  const f = form({class: 'card inline'}, [field('From', versionChoice('a', p.versions, a)),
                                          field('To', versionChoice('b', p.versions, b))], 'Compare', async fm => {
    const from = fm.elements.namedItem('a').value;
    const to = fm.elements.namedItem('b').value;
    go(p.href('diff') + '?a=' + from + '&b=' + to);
  }, describe);
  fill(body, h('h2', {}, 'Diff v' + a + ' → v' + b), f, out);
  const {diff: text} = await call('GET', p.base + '/versions/' + a + '/diff/' + b);
  if (!text.trim()) {
    fill(out, h('p', {class: 'muted'}, 'No differences.'));
    return;
  }
  fill(out, text.replace(/\n$/, '').split('\n').map(line => {
    let kind = 'ctx';
    if (line.startsWith('+++') || line.startsWith('---')) kind = 'file';
    else if (line.startsWith('@@')) kind = 'hunk';
    else if (line.startsWith('+')) kind = 'add';
    else if (line.startsWith('-')) kind = 'del';
    const sign = kind === 'add' ? 'added: ' : kind === 'del' ? 'removed: ' : '';
    return h('div', {class: 'line ' + kind}, sign ? h('span', {class: 'sr-only'}, sign) : null, line || ' ');
  }));
}

async function labels(body, p) {
  const names = Object.keys(p.prompt.labels || {}).sort();
  if (!names.includes('production')) names.unshift('production');
  const prod = p.prompt.labels && p.prompt.labels.production;
  const latest = p.versions[0] ? p.versions[0].number : null;
  const historyOf = label => call('GET', p.base + '/labels/' + enc(label) + '/history')
    .then(answer => answer.history, e => { if (e.status === 404) return []; throw e; });
  const history = await historyOf('production');
  const rollbackTo = history.length && history[0].version === prod ? history[0].previous_version : null;
  const move = async (label, to, verb) => {
    try {
      await call('PUT', p.base + '/labels/' + enc(label), {version: to});
      notice(label + ' ' + verb + ': now version ' + to + '.');
      refresh();
    } catch (e) { showError(e); }
  };
  const current = prod ? 'version ' + prod : 'no version';
  const actions = [];
  if (p.ctx.can.publish && latest && latest !== prod) {
    actions.push(h('button', {type: 'button', class: 'primary', 'data-test': 'publish', onclick: async () => {
      if (await confirmDialog('Publish', 'Move production from ' + current + ' to version ' + latest + '?', 'Publish v' + latest)) {
        await move('production', latest, 'published');
      }
    }}, 'Publish v' + latest));
  }
  if (p.ctx.can.publish && prod && rollbackTo) {
    actions.push(h('button', {type: 'button', class: 'danger', 'data-test': 'rollback', onclick: async () => {
      if (await confirmDialog('Roll back', 'Roll back production from version ' + prod + ' to version ' + rollbackTo + '?',
                              'Roll back to v' + rollbackTo)) {
        await move('production', rollbackTo, 'rolled back');
      }
    }}, 'Roll back to v' + rollbackTo));
  }
  if (!p.ctx.can.publish) {
    actions.push(h('p', {class: 'muted', 'data-test': 'no-publish'}, 'Only a project admin publishes or rolls back.'));
  }
  const table = h('table', {'data-test': 'labels'},
    h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Label'), h('th', {scope: 'col'}, 'Version'))),
    h('tbody', {}, names.map(n => h('tr', {}, h('td', {}, badge(n)),
      h('td', {'data-test': 'label-' + n}, p.prompt.labels && p.prompt.labels[n] ? 'v' + p.prompt.labels[n] : '—')))));
  const other = p.ctx.can.edit && p.versions.length ? form({class: 'card inline', 'data-test': 'move-label'}, [
    field('Label', input({name: 'label', required: true, placeholder: 'staging'})),
    field('Version', versionChoice('version', p.versions, latest)),
  ], 'Point label', async f => {
    const label = f.elements.namedItem('label').value.trim();
    const to = Number(f.elements.namedItem('version').value);
    if (label === 'production') {
      const ok = await confirmDialog('Publish', 'Move production from ' + current + ' to version ' + to + '?', 'Publish v' + to);
      if (!ok) return;
    }
    await call('PUT', p.base + '/labels/' + enc(label), {version: to});
    notice(label + ' now points at version ' + to + '.');
    refresh();
  }, describe) : null;
  const historyBox = h('div', {});
  const showHistory = async label => {
    const moves = label === 'production' ? history : await historyOf(label);
    fill(historyBox, h('h3', {}, 'History of ' + label),
         moves.length ? h('div', {class: 'scroll'}, h('table', {'data-test': 'history'},
           h('thead', {}, h('tr', {}, ['Version', 'Before', 'By', 'When'].map(t => h('th', {scope: 'col'}, t)))),
           h('tbody', {}, moves.map(m => h('tr', {},
             h('td', {}, m.version === null ? 'deleted' : 'v' + m.version),
             h('td', {}, m.previous_version === null ? '—' : 'v' + m.previous_version),
             h('td', {}, who(p.ctx, m.updated_by)), h('td', {}, when(m.updated_at)))))))
           : h('p', {class: 'muted'}, 'Never moved.'));
  };
  const historyChoice = h('select', {name: 'history', 'data-test': 'history-label'}, names.map(n => h('option', {value: n, selected: n === 'production'}, n)));
  historyChoice.addEventListener('change', () => showHistory(historyChoice.value).catch(showError));
  fill(body,
       h('h2', {}, 'Production'),
       h('p', {'data-test': 'production'}, 'production points at ', h('strong', {}, current),
         latest ? '; the newest version is v' + latest + '.' : '.'),
       h('div', {class: 'actions'}, actions),
       h('h2', {}, 'Labels'), table, other,
       h('h2', {}, 'Label history'), field('Label', historyChoice), historyBox);
  await showHistory('production');
}

async function playground(body, p, params) {
  if (!p.versions.length) {
    fill(body, h('p', {class: 'muted'}, 'Nothing to render: this prompt has no versions.'));
    return;
  }
  const labelNames = Object.keys(p.prompt.labels || {}).sort();
  const choices = [...labelNames.map(l => 'label:' + l), ...p.versions.map(v => 'version:' + v.number)];
  const chosen = params.get('ref') || (labelNames.includes('production') ? 'label:production' : 'version:' + p.versions[0].number);
  const refSelect = h('select', {name: 'ref', 'data-test': 'render-ref'},
                      choices.map(c => h('option', {value: c, selected: c === chosen},
                                         c.startsWith('label:') ? 'label ' + c.slice(6) : 'v' + c.slice(8))));
  refSelect.addEventListener('change', () => go(p.href('playground') + '?ref=' + enc(refSelect.value)));
  const ref = chosen.startsWith('label:') ? chosen.slice(6) : chosen.slice(8);
  const {version} = await call('GET', p.base + '/versions/' + enc(ref));
  const {variables, sections} = detectAll(sources(version));
  const names = [...new Set([...version.variables, ...variables])].sort();
  const result = h('div', {class: 'result', 'data-test': 'render-result', 'aria-live': 'polite'});
  const inputs = names.map(n => sections.has(n)
    ? field(n + ' (JSON)', h('textarea', {name: 'var:' + n, rows: 3, class: 'mono', 'data-var': n, 'data-json': 'true'}),
            'A section: JSON such as true, an object or a list of objects.')
    : field(n, input({name: 'var:' + n, 'data-var': n})));
  fill(body,
       h('h2', {}, 'Playground'),
       field('Render', refSelect),
       form({class: 'card', 'data-test': 'playground'}, [
         inputs.length ? inputs : h('p', {class: 'muted'}, 'This version needs no variables.'),
         h('p', {class: 'hint'}, 'Empty fields are not sent, so px0 names them if the template needs them.'),
       ], 'Render', async f => {
         const vars = {};
         for (const el of f.querySelectorAll('[data-var]')) {
           const n = el.getAttribute('data-var');
           if (el.getAttribute('data-json') && el.value.trim()) {
             try { vars[n] = JSON.parse(el.value); } catch (e) { throw new Error(n + ' is not valid JSON: ' + e.message); }
           } else if (!el.getAttribute('data-json') && el.value !== '') {
             vars[n] = el.value;
           }
         }
         const req = {variables: vars};
         if (chosen.startsWith('label:')) req.label = ref; else req.version = Number(ref);
         fill(result);
         const out = await call('POST', p.base + '/render', req);
         fill(result, h('h3', {}, 'Rendered v' + out.version + (out.label ? ' (' + out.label + ')' : '')));
         if (typeof out.text === 'string') {
           append(result, h('pre', {class: 'code', 'data-test': 'rendered'}, out.text));
         } else {
           append(result, h('ol', {class: 'messages', 'data-test': 'rendered'}, out.messages.map(m =>
             h('li', {}, h('span', {class: 'role'}, m.role), h('pre', {class: 'code'}, m.content)))));
         }
       }, e => e instanceof Error && !('status' in e) ? e.message : describe(e)),
       result);
}
