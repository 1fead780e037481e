import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { formatDocument, formatRange, type FormattingSettings } from '../../server/src/features/formatting';
import { parseDocument } from '../../server/src/parser/parseDocument';
import { problemsOf } from '../helpers/analysis';
import { parseMarkers } from '../helpers/markers';

const spaces2: FormattingSettings = { tabSize: 2, insertSpaces: true };

const lines = (...text: string[]) => text.join('\n');

/** `text` with `edits` applied; the edits must not overlap. */
function applyEdits(document: TextDocument, edits: readonly TextEdit[]): string {
  const text = document.getText();
  const offsets = edits
    .map((edit) => ({ start: document.offsetAt(edit.range.start), end: document.offsetAt(edit.range.end), newText: edit.newText }))
    .sort((a, b) => a.start - b.start);
  let result = '';
  let at = 0;
  for (const edit of offsets) {
    assert.ok(edit.start >= at, 'edits do not overlap');
    result += text.slice(at, edit.start) + edit.newText;
    at = edit.end;
  }
  return result + text.slice(at);
}

/** The edits that format `text` whole, or only the statements in its `[|…|]` range when it marks one. */
function formatEdits(source: string, options: FormattingSettings = spaces2): { document: TextDocument; edits: TextEdit[] } {
  const { text, ranges } = parseMarkers(source);
  const document = TextDocument.create('file:///test.sql', 'flinksql', 1, text);
  const parsed = parseDocument(text);
  const [range] = ranges;
  const edits = range
    ? formatRange(document, parsed, { start: document.positionAt(range.start), end: document.positionAt(range.end) }, options)
    : formatDocument(document, parsed, options);
  return { document, edits };
}

function format(source: string, options?: FormattingSettings): string {
  const { document, edits } = formatEdits(source, options);
  return applyEdits(document, edits);
}

interface Case {
  readonly name: string;
  /** The document, with `[|…|]` around the range for range formatting. */
  readonly before: string;
  /** The whole document after formatting; the same as `before` (without markers) for "no edits". */
  readonly after: string;
  readonly options?: FormattingSettings;
}

const cases: Case[] = [
  {
    name: 'a one-line list becomes one aligned option per line',
    before: `CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint'='https://api.openai.com/v1', 'api-key'  =   'sk-1');`,
    after: lines(
      `CREATE CONNECTION c WITH (`,
      `  'type'     = 'openai',`,
      `  'endpoint' = 'https://api.openai.com/v1',`,
      `  'api-key'  = 'sk-1'`,
      `);`,
    ),
  },
  {
    name: 'the space before ( becomes one, on the line of WITH',
    before: lines(`CREATE CONNECTION c`, `  WITH`, `('type' = 'openai')`),
    after: lines(`CREATE CONNECTION c`, `  WITH (`, `    'type' = 'openai'`, `  )`),
  },
  {
    name: 'WITH on an indented line of its own: the options one level inside it, ) at its level',
    before: lines(
      `CREATE CONNECTION \`my-conn\``,
      `  COMMENT 'c'`,
      `  WITH (`,
      `    'type' = 'openai',`,
      `      'api-key' = 'k'`,
      `  );`,
    ),
    after: lines(
      `CREATE CONNECTION \`my-conn\``,
      `  COMMENT 'c'`,
      `  WITH (`,
      `    'type'    = 'openai',`,
      `    'api-key' = 'k'`,
      `  );`,
    ),
  },
  {
    name: 'ALTER CONNECTION SET',
    before: `ALTER CONNECTION c SET('api-key'='k', 'token' = 't');`,
    after: lines(`ALTER CONNECTION c SET (`, `  'api-key' = 'k',`, `  'token'   = 't'`, `);`),
  },
  {
    name: 'CREATE TABLE: the columns stay as they are',
    before: lines(`CREATE TABLE t (a  INT,   b STRING) WITH ('connector'='mongodb',`, `'mongodb.connection' = 'c');`),
    after: lines(
      `CREATE TABLE t (a  INT,   b STRING) WITH (`,
      `  'connector'          = 'mongodb',`,
      `  'mongodb.connection' = 'c'`,
      `);`,
    ),
  },
  {
    name: 'CREATE MODEL and CREATE TOOL',
    before: lines(
      `CREATE MODEL m INPUT (t STRING) OUTPUT (r STRING) WITH ('provider' = 'openai', 'openai.connection' = 'c');`,
      `CREATE TOOL x USING CONNECTION \`mcp\` WITH ('type' = 'mcp');`,
    ),
    after: lines(
      `CREATE MODEL m INPUT (t STRING) OUTPUT (r STRING) WITH (`,
      `  'provider'          = 'openai',`,
      `  'openai.connection' = 'c'`,
      `);`,
      `CREATE TOOL x USING CONNECTION \`mcp\` WITH (`,
      `  'type' = 'mcp'`,
      `);`,
    ),
  },
  {
    name: 'CREATE AGENT, and ALTER MODEL / TOOL / AGENT SET',
    before: lines(
      `CREATE AGENT a USING MODEL m USING PROMPT 'p' USING TOOLS t WITH ('max_iterations' = '5', 'max_consecutive_failures' = '2');`,
      `ALTER MODEL m$2 SET ('default_version' = '2');`,
      `ALTER TOOL t SET ('allowed_tools' = 'a,b', 'request_timeout' = '60');`,
      `ALTER AGENT a SET ('max_iterations' = '3');`,
    ),
    after: lines(
      `CREATE AGENT a USING MODEL m USING PROMPT 'p' USING TOOLS t WITH (`,
      `  'max_iterations'           = '5',`,
      `  'max_consecutive_failures' = '2'`,
      `);`,
      `ALTER MODEL m$2 SET (`,
      `  'default_version' = '2'`,
      `);`,
      `ALTER TOOL t SET (`,
      `  'allowed_tools'   = 'a,b',`,
      `  'request_timeout' = '60'`,
      `);`,
      `ALTER AGENT a SET (`,
      `  'max_iterations' = '3'`,
      `);`,
    ),
  },
  {
    name: 'an already formatted list: no edits',
    before: lines(`CREATE CONNECTION c WITH (`, `  'type'    = 'openai',`, `  'api-key' = 'k'`, `);`),
    after: lines(`CREATE CONNECTION c WITH (`, `  'type'    = 'openai',`, `  'api-key' = 'k'`, `);`),
  },
  {
    name: 'an indented statement indents its options one level deeper and its ) at its own level',
    before: lines(`SELECT 1;`, `    CREATE CONNECTION c WITH ('type' = 'openai', 'api-key' = 'k');`),
    after: lines(
      `SELECT 1;`,
      `    CREATE CONNECTION c WITH (`,
      `      'type'    = 'openai',`,
      `      'api-key' = 'k'`,
      `    );`,
    ),
  },
  {
    name: 'statements in EXECUTE STATEMENT SET and other statements are not touched',
    before: lines(
      `EXECUTE STATEMENT SET BEGIN INSERT INTO a /*+ OPTIONS('k'='v') */ SELECT 1; END;`,
      `CREATE VIEW v AS SELECT 1;`,
      `CREATE CATALOG c WITH ('type'='generic_in_memory');`,
      `CREATE AGENT a USING PROMPT 'p' USING MODEL m WITH ('max_iterations'='5');`,
    ),
    after: lines(
      `EXECUTE STATEMENT SET BEGIN INSERT INTO a /*+ OPTIONS('k'='v') */ SELECT 1; END;`,
      `CREATE VIEW v AS SELECT 1;`,
      `CREATE CATALOG c WITH ('type'='generic_in_memory');`,
      `CREATE AGENT a USING PROMPT 'p' USING MODEL m WITH ('max_iterations'='5');`,
    ),
  },
  {
    name: 'own-line comments stay on their own lines, trailing comments at the end of their line',
    before: lines(
      `CREATE CONNECTION c WITH ( -- the OpenAI connection`,
      `-- what it is`,
      `'type' = 'openai', -- lower case is fine`,
      `        /* the secret */`,
      `  'api-key' = 'k' /* after the value */ , 'endpoint' = 'https://x' // last`,
      `      -- a closing note`,
      `);`,
    ),
    after: lines(
      `CREATE CONNECTION c WITH ( -- the OpenAI connection`,
      `  -- what it is`,
      `  'type'     = 'openai', -- lower case is fine`,
      `  /* the secret */`,
      `  'api-key'  = 'k', /* after the value */`,
      `  'endpoint' = 'https://x' // last`,
      `  -- a closing note`,
      `);`,
    ),
  },
  {
    name: 'a comment on the line of a leading comma stands before the next option',
    before: lines(`CREATE CONNECTION c WITH ('type' = 'openai'`, `, -- the key`, `'api-key' = 'k')`),
    after: lines(`CREATE CONNECTION c WITH (`, `  'type'    = 'openai',`, `  -- the key`, `  'api-key' = 'k'`, `)`),
  },
  {
    name: 'a multi-line block comment is kept verbatim',
    before: lines(`CREATE CONNECTION c WITH ('type' = 'openai',`, ` /* two`, `    lines */ 'api-key' = 'k')`),
    after: lines(`CREATE CONNECTION c WITH (`, `  'type'    = 'openai',`, `  /* two`, `    lines */`, `  'api-key' = 'k'`, `)`),
  },
  {
    name: 'comments that share a line stay on one line; blank lines inside the list go',
    before: lines(`CREATE CONNECTION c WITH (`, ``, `'type' = 'openai',`, ``, `  /* a */   /* b */`, `'api-key' = 'k'`, ``, `)`),
    after: lines(`CREATE CONNECTION c WITH (`, `  'type'    = 'openai',`, `  /* a */ /* b */`, `  'api-key' = 'k'`, `)`),
  },
  {
    name: 'a comment between a key and its value: the list is left as it is',
    before: `CREATE CONNECTION c WITH ('type' /* t */ = 'openai', 'api-key' = 'k');`,
    after: `CREATE CONNECTION c WITH ('type' /* t */ = 'openai', 'api-key' = 'k');`,
  },
  {
    name: 'a comment between WITH and ( stays, and ( keeps its place',
    before: lines(`CREATE CONNECTION c WITH -- options`, `('type' = 'openai')`),
    after: lines(`CREATE CONNECTION c WITH -- options`, `(`, `  'type' = 'openai'`, `)`),
  },
  {
    name: 'a line comment ending in "with" before ( is not taken for the keyword',
    before: lines(`CREATE TABLE t (a INT) WITH -- set up with`, `  ('connector' = 'x')`),
    after: lines(`CREATE TABLE t (a INT) WITH -- set up with`, `  (`, `    'connector' = 'x'`, `  )`),
  },
  {
    name: 'an empty list stays empty',
    before: lines(`CREATE CONNECTION c WITH ();`, `CREATE CONNECTION d WITH(  );`, `CREATE CONNECTION e WITH ( -- none`, `);`),
    after: lines(`CREATE CONNECTION c WITH ();`, `CREATE CONNECTION d WITH ();`, `CREATE CONNECTION e WITH ( -- none`, `);`),
  },
  {
    name: "'' escapes, emoji and CJK are copied verbatim, and later positions stay right",
    before: lines(
      `CREATE CONNECTION \`💬\` COMMENT '要約 🤖' WITH ('type' = 'openai', 'api-key' = 'it''s 🔑 秘密', '🤖' = 'x');`,
      `CREATE CONNECTION d WITH ('type'='openai');`,
    ),
    after: lines(
      `CREATE CONNECTION \`💬\` COMMENT '要約 🤖' WITH (`,
      `  'type'    = 'openai',`,
      `  'api-key' = 'it''s 🔑 秘密',`,
      `  '🤖'      = 'x'`, // the emoji takes two columns
      `);`,
      `CREATE CONNECTION d WITH (`,
      `  'type' = 'openai'`,
      `);`,
    ),
  },
  {
    name: 'a multi-line value is kept verbatim',
    before: lines(`CREATE CONNECTION v WITH ('type' = 'vertexai', 'service-key' = '{`, `  "type": "service_account"`, `}')`),
    after: lines(
      `CREATE CONNECTION v WITH (`,
      `  'type'        = 'vertexai',`,
      `  'service-key' = '{`,
      `  "type": "service_account"`,
      `}'`,
      `)`,
    ),
  },
  {
    name: 'range formatting touches only the statements the range intersects',
    before: lines(
      `CREATE CONNECTION a WITH ('type' = 'openai');`,
      `CREATE CONNECTION b WITH ([|'type' = 'openai'|]);`,
      `CREATE CONNECTION c WITH ('type' = 'openai');`,
    ),
    after: lines(
      `CREATE CONNECTION a WITH ('type' = 'openai');`,
      `CREATE CONNECTION b WITH (`,
      `  'type' = 'openai'`,
      `);`,
      `CREATE CONNECTION c WITH ('type' = 'openai');`,
    ),
  },
  {
    name: 'a range over two statements formats both; a range ending at the next line start does not take that line',
    before: lines(
      `CREATE CONNECTION a WITH ('type' = 'openai');`,
      `CREATE CONNECTION [|b WITH ('type' = 'openai');`,
      `CREATE CONNECTION c WITH ('type' = 'openai');`,
      `|]CREATE CONNECTION d WITH ('type' = 'openai');`,
    ),
    after: lines(
      `CREATE CONNECTION a WITH ('type' = 'openai');`,
      `CREATE CONNECTION b WITH (`,
      `  'type' = 'openai'`,
      `);`,
      `CREATE CONNECTION c WITH (`,
      `  'type' = 'openai'`,
      `);`,
      `CREATE CONNECTION d WITH ('type' = 'openai');`,
    ),
  },
  {
    name: 'an empty range (a cursor) formats the statement it stands in',
    before: lines(`CREATE CONNECTION a WITH ('type' = 'openai');`, `CREATE [||]CONNECTION b WITH ('type' = 'openai');`),
    after: lines(`CREATE CONNECTION a WITH ('type' = 'openai');`, `CREATE CONNECTION b WITH (`, `  'type' = 'openai'`, `);`),
  },
  {
    name: 'a statement with a syntax error is left alone, the others are formatted',
    before: lines(
      `CREATE CONNECTION a WITH ('type' = 'openai', 'api-key' = 'k',);`,
      `CREATE CONNECTION b WITH ('type' 'openai');`,
      `CREATE CONNECTION d WITH ('type' = 'openai');`,
      `CREATE CONNECTION c WITH ('type' = 'openai);`,
    ),
    after: lines(
      `CREATE CONNECTION a WITH ('type' = 'openai', 'api-key' = 'k',);`,
      `CREATE CONNECTION b WITH ('type' 'openai');`,
      `CREATE CONNECTION d WITH (`,
      `  'type' = 'openai'`,
      `);`,
      `CREATE CONNECTION c WITH ('type' = 'openai);`,
    ),
  },
  {
    name: 'a CRLF document keeps CRLF',
    before: [`-- c`, `CREATE CONNECTION c WITH ('type' = 'openai', -- t`, `'api-key' = 'k');`, ``].join('\r\n'),
    after: [`-- c`, `CREATE CONNECTION c WITH (`, `  'type'    = 'openai', -- t`, `  'api-key' = 'k'`, `);`, ``].join('\r\n'),
  },
  {
    name: 'tabs when insertSpaces is false',
    options: { tabSize: 4, insertSpaces: false },
    before: lines(`\tCREATE CONNECTION c WITH ('type' = 'openai', 'api-key' = 'k');`),
    after: lines(`\tCREATE CONNECTION c WITH (`, `\t\t'type'    = 'openai',`, `\t\t'api-key' = 'k'`, `\t);`),
  },
  {
    name: 'tabSize spaces when insertSpaces is true',
    options: { tabSize: 4, insertSpaces: true },
    before: `CREATE CONNECTION c WITH ('type' = 'openai')`,
    after: lines(`CREATE CONNECTION c WITH (`, `    'type' = 'openai'`, `)`),
  },
];

describe('formatting option lists', () => {
  for (const { name, before, after, options } of cases) {
    test(name, () => {
      assert.equal(format(before, options), after);
      const { text, ranges } = parseMarkers(before);
      if (after === text) assert.deepEqual(formatEdits(before, options).edits, [], 'no edits when nothing changes');
      if (ranges.length === 0) {
        // Idempotent: the formatted text formats to itself, with no edits at all.
        assert.deepEqual(formatEdits(after, options).edits, [], 'formatting the result changes nothing');
      } else {
        // Formatting the rest afterwards gives what formatting the whole document gives.
        assert.equal(format(after, options), format(text, options));
      }
    });
  }

  test('edits touch only the lists that change, and never a key or a value', () => {
    const text = lines(
      `CREATE CONNECTION a WITH ('type' = 'openai', 'api-key' = 'sk-NOT-IN-ANY-EDIT');`,
      `CREATE CONNECTION b WITH (`,
      `  'type' = 'openai'`,
      `);`,
      `CREATE CONNECTION c WITH ('type' = 'openai');`,
    );
    const { edits } = formatEdits(text);
    assert.deepEqual([...new Set(edits.map((edit) => edit.range.start.line))], [0, 4]);
    for (const edit of edits) assert.doesNotMatch(edit.newText, /'/, 'an edit carries only white space and punctuation');
  });

  test("a Unicode string's value (U&'…', with its UESCAPE clause) is kept as written", () => {
    assert.equal(
      format(`CREATE TABLE t (a STRING) WITH ('format'='csv','csv.field-delimiter'=U&'\\0001','k'=u&'#00e9' UESCAPE '#');`),
      lines(`CREATE TABLE t (a STRING) WITH (`, `  'format'              = 'csv',`, `  'csv.field-delimiter' = U&'\\0001',`, `  'k'                   = u&'#00e9' UESCAPE '#'`, `);`),
    );
  });

  test('edit ranges count UTF-16 code units after emoji and CJK', () => {
    const text = `CREATE CONNECTION c COMMENT '🤖要約' WITH ('type'='openai');`;
    const { edits } = formatEdits(text);
    assert.deepEqual(edits[0]!.range, {
      start: { line: 0, character: text.indexOf(' (') },
      end: { line: 0, character: text.indexOf("'type'") },
    });
    assert.equal(edits[edits.length - 1]!.range.end.character, text.indexOf(';'));
  });
});

describe('formatting the example files', () => {
  const examples = path.join(__dirname, '../../examples');
  for (const name of readdirSync(examples).filter((file) => file.endsWith('.sql'))) {
    test(`${name}: idempotent, and the same problems before and after`, () => {
      const text = readFileSync(path.join(examples, name), 'utf8');
      const once = format(text);
      const twice = format(once);
      assert.equal(twice, once);
      const problems = (source: string) => problemsOf(source).map((p) => `${p.code}: ${p.message}`);
      assert.deepEqual(problems(once), problems(text));
      // Formatting only rearranges white space: the text without it is the same.
      assert.equal(once.replace(/\s/g, ''), text.replace(/\s/g, ''));
    });
  }
});
