// Building the page from data without ever parsing data as HTML: every string becomes a text node.

/**
 * h('button', {class: 'x', onclick: fn, disabled: true}, 'text', child, [more])
 * Attributes are set with setAttribute (never "style", which the CSP refuses anyway); "on…" keys are listeners;
 * children that are strings or numbers become text nodes; null, undefined and false are skipped.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'value') {
      el.value = value;
    } else if (key === 'checked' || key === 'selected') {
      el[key] = Boolean(value);
    } else if (key === 'style' || key.toLowerCase() === 'innerhtml') {
      throw new Error('not allowed: ' + key);
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, ...children);
  return el;
}

export function append(el, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  return append(el, ...children);
}

let ids = 0;
/** A labelled form field: a <label for> and its control. */
export function field(label, control, hint) {
  if (!control.id) control.id = 'f' + (++ids);
  const parts = [h('label', {for: control.id}, label), control];
  if (hint) {
    const hintId = control.id + '-hint';
    control.setAttribute('aria-describedby', hintId);
    parts.push(h('small', {id: hintId, class: 'hint'}, hint));
  }
  return h('div', {class: 'field'}, parts);
}

/** Dates as the reader's local time, with the exact UTC time as a tooltip. */
export function when(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return h('time', {datetime: iso, title: iso}, isNaN(d) ? iso : d.toLocaleString());
}

/** A modal confirmation; resolves true when confirmed. The message is text. */
export function confirmDialog(title, message, confirmLabel) {
  return new Promise(resolve => {
    const yes = h('button', {type: 'button', class: 'primary', 'data-test': 'confirm-yes'}, confirmLabel);
    const no = h('button', {type: 'button', 'data-test': 'confirm-no'}, 'Cancel');
    const titleId = 'dlg' + (++ids);
    const dialog = h('dialog', {class: 'confirm', 'aria-labelledby': titleId},
                     h('h2', {id: titleId}, title), h('p', {}, message), h('div', {class: 'actions'}, no, yes));
    const done = result => { dialog.close(); dialog.remove(); resolve(result); };
    yes.addEventListener('click', () => done(true));
    no.addEventListener('click', () => done(false));
    dialog.addEventListener('cancel', e => { e.preventDefault(); done(false); });
    document.body.append(dialog);
    dialog.showModal();
    no.focus();
  });
}

/**
 * A form whose submit runs an async action: the button is disabled meanwhile, and a failure is shown as a
 * readable sentence inside the form (role=alert) instead of being lost.
 */
export function form(attrs, children, submitLabel, action, describe) {
  const error = h('p', {class: 'error', role: 'alert', hidden: true, 'data-test': 'form-error'});
  const submit = h('button', {type: 'submit', class: 'primary'}, submitLabel);
  const el = h('form', attrs, children, error, h('div', {class: 'actions'}, submit));
  el.addEventListener('submit', async event => {
    event.preventDefault();
    error.hidden = true;
    submit.disabled = true;
    try {
      await action(el);
    } catch (e) {
      fill(error, describe(e));
      error.hidden = false;
    } finally {
      submit.disabled = false;
    }
  });
  return el;
}

export function input(attrs) {
  return h('input', Object.assign({type: 'text'}, attrs));
}

export function select(name, options, value) {
  return h('select', {name}, options.map(o => h('option', {value: o, selected: o === value}, o)));
}
