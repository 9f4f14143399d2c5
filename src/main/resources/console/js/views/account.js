// The signed-in person: change the password, see and end sessions.
import {h, fill, field, form, input, when, confirmDialog} from '../dom.js';
import {call, describe, session} from '../api.js';
import {notice, showError, refresh} from '../app.js';

export async function page(view) {
  const {sessions} = await call('GET', '/v1/auth/sessions');
  const rows = sessions.map(s => h('tr', {class: s.current ? 'selected' : null},
    h('td', {}, s.user_agent || '—'), h('td', {}, s.ip || '—'), h('td', {}, when(s.created_at)),
    h('td', {}, when(s.expires_at)),
    h('td', {}, s.current ? h('strong', {}, 'this tab') : h('button', {type: 'button', class: 'small', onclick: async () => {
      try {
        await call('DELETE', '/v1/auth/sessions/' + encodeURIComponent(s.id));
        notice('Session ended.');
        refresh();
      } catch (e) { showError(e); }
    }}, 'End'))));
  const others = h('button', {type: 'button', 'data-test': 'end-others', onclick: async () => {
    if (!await confirmDialog('End other sessions', 'Sign out everywhere but this tab?', 'End other sessions')) return;
    try {
      await call('DELETE', '/v1/auth/sessions');
      notice('Other sessions ended.');
      refresh();
    } catch (e) { showError(e); }
  }}, 'End all other sessions');
  fill(view,
       h('h1', {}, 'Account'),
       h('p', {}, 'Signed in as ', h('strong', {}, session.user.email),
         session.user.is_admin ? ' (system admin)' : ''),
       h('h2', {}, 'Change password'),
       form({class: 'card narrow', 'data-test': 'change-password'}, [
         field('Current password', input({type: 'password', name: 'current_password', autocomplete: 'current-password', required: true})),
         field('New password', input({type: 'password', name: 'new_password', autocomplete: 'new-password', required: true}),
               'Your other sessions end when it changes.'),
       ], 'Change password', async f => {
         await call('POST', '/v1/auth/me/password', {
           current_password: f.elements.namedItem('current_password').value,
           new_password: f.elements.namedItem('new_password').value});
         f.reset();
         notice('Password changed; your other sessions have ended.');
         refresh();
       }, describe),
       h('h2', {}, 'Sessions'),
       h('div', {class: 'scroll'}, h('table', {'data-test': 'sessions'},
         h('thead', {}, h('tr', {}, ['Browser', 'Address', 'Started', 'Expires', ''].map(t => h('th', {scope: 'col'}, t)))),
         h('tbody', {}, rows))),
       h('p', {}, others));
}
