// A project's members (add by email, change role, remove), API keys (create, shown once; list; delete) and
// audit log.
import {h, fill, field, form, input, select, when, confirmDialog} from '../dom.js';
import {call, describe, projectPath} from '../api.js';
import {notice, showError, refresh, forgetProject, who} from '../app.js';

const ROLES = ['viewer', 'editor', 'admin'];
const LIMITS = {
  viewer: 'reads prompts and versions, renders in the playground',
  editor: 'also creates prompts and versions and moves labels other than production',
  admin: 'also publishes and rolls back production, deletes prompts, manages members, API keys and reads the audit log',
};

export async function members(view, ctx) {
  forgetProject();
  const {members} = await call('GET', projectPath(ctx.slug) + '/members');
  const rows = members.map(m => {
    let roleCell = m.role;
    let actions = null;
    if (ctx.can.admin) {
      const s = select('role', ROLES, m.role);
      s.setAttribute('aria-label', 'Role of ' + m.email);
      s.addEventListener('change', async () => {
        try {
          await call('PUT', projectPath(ctx.slug) + '/members/' + m.user_id, {role: s.value});
          notice(m.email + ' is now ' + s.value + '.');
          refresh();
        } catch (e) { showError(e); s.value = m.role; }
      });
      roleCell = s;
      actions = h('button', {type: 'button', class: 'danger small', onclick: async () => {
        if (!await confirmDialog('Remove member', 'Remove ' + m.email + ' from ' + ctx.slug + '?', 'Remove')) return;
        try {
          await call('DELETE', projectPath(ctx.slug) + '/members/' + m.user_id);
          notice(m.email + ' removed.');
          refresh();
        } catch (e) { showError(e); }
      }}, 'Remove');
    }
    return h('tr', {'data-email': m.email}, h('td', {}, m.email), h('td', {}, roleCell), h('td', {}, actions));
  });
  const children = [
    h('h1', {}, 'Members'),
    h('div', {class: 'scroll'}, h('table', {'data-test': 'members'},
      h('thead', {}, h('tr', {}, ['Email', 'Role', ''].map(t => h('th', {scope: 'col'}, t)))),
      h('tbody', {}, rows))),
    h('h2', {}, 'What each role may do'),
    h('dl', {class: 'roles'}, ROLES.flatMap(r => [h('dt', {}, r), h('dd', {}, LIMITS[r])])),
  ];
  if (ctx.can.admin) {
    children.push(h('h2', {}, 'Add a person'), form({class: 'card inline', 'data-test': 'add-member'}, [
      field('Email', input({type: 'email', name: 'email', required: true}), 'The person needs a px0 account.'),
      field('Role', select('role', ROLES, 'viewer')),
    ], 'Add member', async f => {
      const {member} = await call('POST', projectPath(ctx.slug) + '/members', {
        email: f.elements.namedItem('email').value, role: f.elements.namedItem('role').value});
      notice(member.email + ' added as ' + member.role + '.');
      refresh();
    }, describe));
  }
  fill(view, children);
}

export async function apiKeys(view, ctx) {
  const {api_keys: keys} = await call('GET', projectPath(ctx.slug) + '/api-keys');
  const shown = h('div', {'data-test': 'new-key-box'});
  const rows = keys.map(k => h('tr', {'data-key-name': k.name},
    h('td', {}, k.name), h('td', {}, k.scope), h('td', {}, h('code', {}, k.prefix + '…')),
    h('td', {}, when(k.created_at)), h('td', {}, k.last_used_at ? when(k.last_used_at) : 'never'),
    h('td', {}, h('button', {type: 'button', class: 'danger small', 'data-test': 'delete-key', onclick: async () => {
      if (!await confirmDialog('Delete API key', 'Delete the key "' + k.name + '"? Applications using it are refused at once.',
                               'Delete key')) return;
      try {
        await call('DELETE', projectPath(ctx.slug) + '/api-keys/' + k.id);
        notice('Key ' + k.name + ' deleted.');
        refresh();
      } catch (e) { showError(e); }
    }}, 'Delete'))));
  fill(view,
       h('h1', {}, 'API keys'),
       h('p', {class: 'muted'}, 'Applications send a key as X-API-Key. A read key renders and reads; a write key also changes prompts.'),
       shown,
       keys.length ? h('div', {class: 'scroll'}, h('table', {'data-test': 'api-keys'},
         h('thead', {}, h('tr', {}, ['Name', 'Scope', 'Key', 'Created', 'Last used', ''].map(t => h('th', {scope: 'col'}, t)))),
         h('tbody', {}, rows))) : h('p', {class: 'muted', 'data-test': 'no-keys'}, 'No API keys.'),
       h('h2', {}, 'New key'),
       form({class: 'card inline', 'data-test': 'new-key'}, [
         field('Name', input({name: 'name', required: true})),
         field('Scope', select('scope', ['read', 'write'], 'read')),
       ], 'Create key', async f => {
         const answer = await call('POST', projectPath(ctx.slug) + '/api-keys', {
           name: f.elements.namedItem('name').value, scope: f.elements.namedItem('scope').value});
         await apiKeys(view, ctx);
         const box = view.querySelector('[data-test="new-key-box"]');
         const key = h('input', {type: 'text', readonly: true, class: 'mono', value: answer.key, 'data-test': 'new-key-value',
                                 'aria-label': 'New API key'});
         const copy = h('button', {type: 'button', 'data-test': 'copy-key', onclick: async () => {
           key.select();
           try { await navigator.clipboard.writeText(answer.key); notice('Key copied.'); } catch (e) {
             notice('Copy failed: select the key and copy it yourself.');
           }
         }}, 'Copy');
         fill(box, h('div', {class: 'card warn', role: 'alert'},
           h('h2', {}, 'Key "' + answer.api_key.name + '" created'),
           h('p', {}, h('strong', {}, 'Copy it now: px0 shows it only this once and keeps only a hash of it.')),
           h('div', {class: 'inline'}, key, copy)));
         key.focus();
       }, describe));
}

export async function audit(view, ctx) {
  const {audit: entries} = await call('GET', projectPath(ctx.slug) + '/audit?limit=200');
  const text = v => v === null || v === undefined ? '—' : JSON.stringify(v);
  fill(view,
       h('h1', {}, 'Audit log'),
       h('p', {class: 'muted'}, 'Every change in this project, newest first.'),
       entries.length ? h('div', {class: 'scroll'}, h('table', {'data-test': 'audit'},
         h('thead', {}, h('tr', {}, ['When', 'Who', 'Action', 'Target', 'Before', 'After'].map(t => h('th', {scope: 'col'}, t)))),
         h('tbody', {}, entries.map(e => h('tr', {},
           h('td', {}, when(e.created_at)),
           h('td', {}, e.api_key_id ? 'API key ' + e.api_key_id : who(ctx, e.actor_id)),
           h('td', {}, h('code', {}, e.action)), h('td', {}, e.target),
           h('td', {}, h('code', {class: 'wrap'}, text(e.before))), h('td', {}, h('code', {class: 'wrap'}, text(e.after))))))))
         : h('p', {class: 'muted'}, 'Nothing yet.'));
}
