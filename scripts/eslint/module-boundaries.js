// ESLint rule: a file in server/src/modules/<a>/ reaches another module only through its port (index.ts), and so
// does the rest of server/src (app.ts, platform/, http/, …). `../b` and `../b/index` pass; `../b/b.repo`,
// `../b/anything` and `../../modules/b/x` fail. Paths are resolved against the importing file, so a nested folder
// inside a module (test/, …) is judged by where it really points.
import path from 'node:path';

const SRC = `${path.sep}server${path.sep}src${path.sep}`;
const MODULES = `${SRC}modules${path.sep}`;

/** The module folder a path lies in (and the rest of the path after it), or null outside server/src/modules. */
function moduleOf(file) {
  const at = file.lastIndexOf(MODULES);
  if (at < 0) return null;
  const [name, ...rest] = file.slice(at + MODULES.length).split(path.sep);
  return { root: file.slice(0, at + MODULES.length), name, rest: rest.join('/') };
}

export const moduleBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: "import another module only through its index.ts (DESIGN.md, 'Module shape')" },
    messages: { deep: "'{{source}}' reaches into module '{{module}}': import its port '{{port}}' instead." },
    schema: [],
  },
  create(context) {
    const file = path.resolve(context.filename);
    const src = file.lastIndexOf(SRC);
    if (src < 0) return {};
    const self = moduleOf(file) ?? { root: file.slice(0, src) + MODULES, name: null, rest: '' };
    const check = (node) => {
      const source = node?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = moduleOf(path.resolve(path.dirname(file), source));
      if (!target || target.root !== self.root || target.name === self.name) return;
      if (target.rest === '' || /^index(\.[cm]?[jt]s)?$/.test(target.rest)) return;
      // http/errors.ts assembles the modules' error tables: a <term>.errors.ts may be read from outside the modules.
      if (self.name === null && /^[a-z-]+\.errors(\.ts)?$/.test(target.rest)) return;
      const rel = path.relative(path.dirname(file), path.join(target.root, target.name)).split(path.sep).join('/');
      const port = rel.startsWith('.') ? rel : `./${rel}`;
      context.report({ node, messageId: 'deep', data: { source, module: target.name, port } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};

export const siyuPlugin = { rules: { 'module-boundaries': moduleBoundaries } };
