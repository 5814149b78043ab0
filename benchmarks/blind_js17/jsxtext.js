// Golden texts for tests/test_sources_js_jsx_messages.py: each AI.JSX message element's children as TypeScript 5's
// classic JSX transform (jsx=react, factory h) emits them; a string child is text, any other child is a value,
// written as "\u0000". Usage: node jsxtext.js FILE.tsx  ->  JSON list of [tag, text]
const ts = require('typescript'); const fs = require('fs');
const src = fs.readFileSync(process.argv[2], 'utf8').replace('@jsxImportSource', '@jsxImportSourceOff');
const out = ts.transpileModule(src, {compilerOptions: {jsx: ts.JsxEmit.React, jsxFactory: 'h', target: ts.ScriptTarget.ES2020}}).outputText;
const sf = ts.createSourceFile('out.js', out, ts.ScriptTarget.ES2020, true);
const rows = [];
(function visit(n) {
  if (ts.isCallExpression(n) && n.expression.getText() === 'h') {
    const tag = n.arguments[0].getText().split('.').pop();
    if (['SystemMessage', 'UserMessage', 'AssistantMessage'].includes(tag)) {
      rows.push([tag, n.arguments.slice(2).map(a => ts.isStringLiteral(a) ? a.text : '\u0000').join('')]);
    }
  }
  ts.forEachChild(n, visit);
})(sf);
console.log(JSON.stringify(rows));
