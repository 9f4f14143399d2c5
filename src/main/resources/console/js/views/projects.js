// Projects (list, create, open) and a project's prompts (list with labels, create, delete).
import {h, fill, field, form, input, select, when, confirmDialog} from '../dom.js';
import {call, describe, projectPath, promptPath, enc} from '../api.js';
import {go, notice, showError, refresh} from '../app.js';

const val = (f, name) => f.elements.namedItem(name).value;

export async function list(view) {
  const {projects} = await call('GET', '/v1/projects');
  const rows = projects.map(p => h('tr', {},
    h('td', {}, h('a', {href: '#/p/' + enc(p.slug), 'data-test': 'project-link'}, p.name)),
    h('td', {}, h('code', {}, p.slug)),
    h('td', {}, when(p.created_at))));
  fill(view,
       h('h1', {}, 'Projects'),
       projects.length
         ? h('div', {class: 'scroll'}, h('table', {'data-test': 'projects'},
             h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Name'), h('th', {scope: 'col'}, 'Slug'),
                              h('th', {scope: 'col'}, 'Created'))),
             h('tbody', {}, rows)))
         : h('p', {class: 'muted'}, 'No projects yet: create the first one.'),
       h('h2', {}, 'New project'),
       form({class: 'card inline', 'data-test': 'new-project'}, [
         field('Slug', input({name: 'slug', required: true, pattern: '[a-z0-9][a-z0-9\\-]{0,62}'}),
               'Lowercase letters, digits and dashes; used in API paths.'),
         field('Name', input({name: 'name', required: true, maxlength: 200})),
       ], 'Create project', async f => {
         const {project} = await call('POST', '/v1/projects', {slug: val(f, 'slug'), name: val(f, 'name')});
         notice('Project ' + project.slug + ' created.');
         go('#/p/' + enc(project.slug));
       }, describe));
}

function labelBadges(labels) {
  return Object.entries(labels || {}).sort(([a], [b]) => a.localeCompare(b))
    .map(([name, version]) => h('span', {class: 'badge' + (name === 'production' ? ' prod' : '')},
                                name + ' → v' + version));
}

export async function prompts(view, ctx) {
  const {prompts} = await call('GET', projectPath(ctx.slug) + '/prompts');
  const rows = prompts.map(p => {
    const del = ctx.can.admin
      ? h('button', {type: 'button', class: 'danger small', 'data-test': 'delete-prompt', onclick: async () => {
          if (!await confirmDialog('Delete prompt', 'Delete prompt "' + p.slug + '" with all its versions and labels?',
                                   'Delete')) return;
          try {
            await call('DELETE', promptPath(ctx.slug, p.slug));
            notice('Prompt ' + p.slug + ' deleted.');
            refresh();
          } catch (e) { showError(e); }
        }}, 'Delete')
      : null;
    return h('tr', {},
      h('td', {}, h('a', {href: '#/p/' + enc(ctx.slug) + '/prompts/' + enc(p.slug), 'data-test': 'prompt-link'}, p.name),
        p.description ? h('div', {class: 'muted small'}, p.description) : null),
      h('td', {}, h('code', {}, p.slug)),
      h('td', {}, p.type),
      h('td', {class: 'labels'}, labelBadges(p.labels)),
      h('td', {}, del));
  });
  const children = [
    h('h1', {}, ctx.project.name),
    h('p', {class: 'muted'}, 'Project ', h('code', {}, ctx.slug), ' · your role: ',
      h('strong', {'data-test': 'role'}, ctx.role)),
    h('h2', {}, 'Prompts'),
    prompts.length
      ? h('div', {class: 'scroll'}, h('table', {'data-test': 'prompts'},
          h('thead', {}, h('tr', {}, ['Name', 'Slug', 'Type', 'Labels', ''].map(t => h('th', {scope: 'col'}, t)))),
          h('tbody', {}, rows)))
      : h('p', {class: 'muted'}, 'No prompts yet.'),
  ];
  if (ctx.can.edit) {
    children.push(h('h2', {}, 'New prompt'), form({class: 'card inline', 'data-test': 'new-prompt'}, [
      field('Slug', input({name: 'slug', required: true})),
      field('Name', input({name: 'name', required: true})),
      field('Description', input({name: 'description'})),
      field('Type', select('type', ['text', 'chat'], 'text')),
    ], 'Create prompt', async f => {
      const {prompt} = await call('POST', projectPath(ctx.slug) + '/prompts', {
        slug: val(f, 'slug'), name: val(f, 'name'), description: val(f, 'description'), type: val(f, 'type')});
      notice('Prompt ' + prompt.slug + ' created.');
      go('#/p/' + enc(ctx.slug) + '/prompts/' + enc(prompt.slug) + '/edit');
    }, describe));
  }
  fill(view, children);
}
