// The console's shell: hash routes, the navigation, the signed-in person, and one place that shows errors.
import {h, fill} from './dom.js';
import {call, session, describe, whenUnauthorized, projectPath} from './api.js';
import * as auth from './views/auth.js';
import * as projects from './views/projects.js';
import * as prompt from './views/prompt.js';
import * as admin from './views/admin.js';
import * as account from './views/account.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const alertBox = document.getElementById('alert');
const statusBox = document.getElementById('status');

/** Shows a failure as a readable sentence, never a blank page. */
export function showError(error) {
  fill(alertBox, describe(error));
  alertBox.hidden = false;
}

/** A short confirmation of something done (announced to screen readers). */
export function notice(text) {
  fill(statusBox, text);
  clearTimeout(notice.timer);
  notice.timer = setTimeout(() => fill(statusBox), 6000);
}

export function go(hash) {
  if (location.hash === hash) route(); else location.hash = hash;
}

whenUnauthorized(message => {
  go('#/signin');
  fill(alertBox, 'Signed out: ' + message + '. Please sign in again.');
  alertBox.hidden = false;
});

/** The project, the members and the caller's role in it, loaded once per visit of a project. */
let current = null;
export async function projectContext(slug) {
  if (current && current.slug === slug) return current;
  const [{project}, {members}] = await Promise.all([call('GET', projectPath(slug)),
                                                    call('GET', projectPath(slug) + '/members')]);
  const me = members.find(m => m.user_id === session.user.id);
  const role = session.user.is_admin ? 'admin' : (me ? me.role : 'viewer');
  current = {slug, project, members, role,
             can: {edit: role !== 'viewer', publish: role === 'admin', admin: role === 'admin'}};
  return current;
}
export function forgetProject() { current = null; }

/** The email of a user id when it is a member's, else the id. */
export function who(ctx, userId) {
  if (!userId) return '—';
  const m = ctx && ctx.members.find(x => x.user_id === userId);
  return m ? m.email : userId;
}

function link(href, text, active) {
  return h('a', {href, 'aria-current': active ? 'page' : null}, text);
}

function renderNav(parts) {
  if (!session.user) {
    fill(nav, link('#/signin', 'Sign in', parts[0] === 'signin'), link('#/signup', 'Sign up', parts[0] === 'signup'),
         h('a', {href: '/openapi/ui/'}, 'API docs'));
    return;
  }
  const items = [link('#/projects', 'Projects', parts[0] === 'projects')];
  if (parts[0] === 'p' && parts[1]) {
    const base = '#/p/' + encodeURIComponent(parts[1]);
    const section = parts[2] || 'prompts';
    items.push(h('span', {class: 'crumb'}, parts[1]),
               link(base, 'Prompts', section === 'prompts'),
               link(base + '/members', 'Members', section === 'members'));
    if (current && current.slug === parts[1] && current.can.admin) {
      items.push(link(base + '/keys', 'API keys', section === 'keys'),
                 link(base + '/audit', 'Audit log', section === 'audit'));
    }
  }
  items.push(link('#/account', 'Account', parts[0] === 'account'),
             h('a', {href: '/openapi/ui/'}, 'API docs'),
             h('span', {class: 'me', 'data-test': 'me'}, session.user.email),
             h('button', {type: 'button', class: 'link', 'data-test': 'sign-out', onclick: signOut}, 'Sign out'));
  fill(nav, items);
}

export async function signOut() {
  try {
    await call('DELETE', '/v1/auth/session');
  } catch (e) {
    // the session may be gone already; the tab forgets the token either way
  }
  session.clear();
  forgetProject();
  go('#/signin');
  notice('Signed out.');
}

async function ensureUser() {
  if (!session.token()) {
    session.user = null;
    return;
  }
  if (session.user) return;
  const {user} = await call('GET', '/v1/auth/me');
  session.user = user;
}

const PUBLIC = new Set(['signin', 'signup', 'verify', 'reset']);

async function route() {
  performance.mark('px0-route');
  alertBox.hidden = true;
  fill(alertBox);
  const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query || '');
  try {
    await ensureUser();
  } catch (e) {
    session.clear();
  }
  if (!session.user && !PUBLIC.has(parts[0])) {
    parts.splice(0, parts.length, 'signin');
  } else if (session.user && (parts.length === 0 || PUBLIC.has(parts[0]))) {
    parts.splice(0, parts.length, 'projects');
  }
  if (parts[0] !== 'p') forgetProject();
  const view = h('div', {class: 'view'});
  fill(main, view);
  renderNav(parts);
  try {
    switch (parts[0]) {
      case 'signin': await auth.signIn(view, params); break;
      case 'signup': await auth.signUp(view, params); break;
      case 'verify': await auth.verify(view, params); break;
      case 'reset': await auth.reset(view, params); break;
      case 'projects': await projects.list(view); break;
      case 'account': await account.page(view); break;
      case 'p': {
        const ctx = await projectContext(parts[1]);
        renderNav(parts);
        const section = parts[2] || 'prompts';
        if (section === 'prompts' && parts[3]) await prompt.page(view, ctx, parts[3], parts[4] || 'versions', params);
        else if (section === 'prompts') await projects.prompts(view, ctx);
        else if (section === 'members') await admin.members(view, ctx);
        else if (section === 'keys') await admin.apiKeys(view, ctx);
        else if (section === 'audit') await admin.audit(view, ctx);
        else fill(view, h('h1', {}, 'Not found'), h('p', {}, 'There is no such page in the console.'));
        break;
      }
      default:
        fill(view, h('h1', {}, 'Not found'), h('p', {}, 'There is no such page in the console.'));
    }
  } catch (e) {
    if (e && e.status === 401) return;
    fill(view, h('h1', {}, 'Something went wrong'), h('p', {class: 'error', 'data-test': 'page-error'}, describe(e)));
  }
  const heading = main.querySelector('h1');
  if (heading) document.title = heading.textContent + ' · px0';
  // how long this page took, from the hash change to the last element in place (bench/ConsoleLoad reads it)
  performance.measure('px0-page ' + location.hash, 'px0-route');
}

/** Re-renders the current page (after a change). */
export function refresh() { route(); }

window.addEventListener('hashchange', () => { route(); main.focus({preventScroll: true}); });
route();
