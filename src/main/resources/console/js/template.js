// Live variable detection for the editor and the playground: the names a Mustache template needs at its top
// level, as px0 reads them. The server stays the judge: it compiles the template on save and its
// "invalid template" message is shown as it comes.

const TAG = /\{\{(\{|&|#|\^|\/|!|>|=)?\s*([^}]*?)\s*\}?\}\}/g;

/** {variables: [sorted names], sections: Set of names used as sections}. */
export function detect(source) {
  const variables = new Set();
  const sections = new Set();
  const open = [];
  for (const m of String(source).matchAll(TAG)) {
    const kind = m[1] || '';
    const name = m[2];
    if (kind === '!' || kind === '=' || kind === '>' || !name) continue;
    if (kind === '/') {
      const i = open.lastIndexOf(name);
      if (i >= 0) open.length = i;
      continue;
    }
    const top = name === '.' ? null : name.split('.')[0];
    if (open.length === 0 && top) {
      variables.add(top);
      if (kind === '#' || kind === '^') sections.add(top);
    }
    if (kind === '#' || kind === '^') open.push(name);
  }
  return {variables: [...variables].sort(), sections};
}

/** Every template in a version: the text, or each message's content. */
export function sources(version) {
  if (typeof version.template === 'string') return [version.template];
  return (version.messages || []).map(m => String(m.content ?? ''));
}

export function detectAll(texts) {
  const variables = new Set();
  const sections = new Set();
  for (const t of texts) {
    const d = detect(t);
    d.variables.forEach(v => variables.add(v));
    d.sections.forEach(s => sections.add(s));
  }
  return {variables: [...variables].sort(), sections};
}
