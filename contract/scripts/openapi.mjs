#!/usr/bin/env node
// The schemas of contract/openapi.yaml are generated from the TypeScript types of
// contract/src/wire.ts, so the document, the widget and the server cannot drift apart:
//
//   node contract/scripts/openapi.mjs           rewrites components.schemas in openapi.yaml
//   node contract/scripts/openapi.mjs --check   fails when openapi.yaml is not what the types say,
//                                               or is not a valid OpenAPI 3.1 document
//
// The rest of the document (paths, parameters, responses, prose) is written by hand and kept.
import {readFileSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {Validator} from '@seriousme/openapi-schema-validator';
import * as prettier from 'prettier';
import {createGenerator} from 'ts-json-schema-generator';
import YAML from 'yaml';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const DOCUMENT = here('../openapi.yaml');

/** Schema name in the document → type in wire.ts. */
const SCHEMAS = {
  Comment: 'Comment',
  CommentAuthor: 'CommentAuthor',
  CommentStatus: 'CommentStatus',
  NewComment: 'NewCommentRequest',
  NewCommentAuthor: 'NewCommentAuthor',
  Page: 'CommentPage',
  Counts: 'CommentCounts',
  Error: 'ErrorResponse',
  ErrorCode: 'WireErrorCode',
  Count: 'CommentCount',
  AdminComment: 'AdminComment',
  AdminPage: 'AdminPage',
  PostedComment: 'PostedComment',
  Features: 'Features',
  SortOrder: 'SortOrder',
  CommentEdit: 'CommentEdit',
  ReactionState: 'ReactionState',
  LocatedComment: 'LocatedComment',
  AdminQueueComment: 'AdminQueueComment',
  AdminCounts: 'AdminCounts',
  AdminQueuePage: 'AdminQueuePage',
  AdminSession: 'AdminSession',
  AdminSignIn: 'AdminSignIn',
  AdminThreadAction: 'AdminThreadAction',
  AdminBulkRequest: 'AdminBulkRequest',
  AdminBulkResult: 'AdminBulkResult',
  AuditEntry: 'AuditEntry',
  AuditPage: 'AuditPage',
  ReportReason: 'ReportReason',
  CommentReport: 'CommentReport',
  ReportState: 'ReportState',
  AdminReports: 'AdminReports',
  AdminBan: 'AdminBan',
  AdminBanPage: 'AdminBanPage',
  AdminBanRequest: 'AdminBanRequest',
  AdminBanResult: 'AdminBanResult',
  AdminUnbanRequest: 'AdminUnbanRequest',
  AdminUnbanResult: 'AdminUnbanResult',
};
const nameOf = Object.fromEntries(Object.entries(SCHEMAS).map(([name, type]) => [type, name]));
/** Request bodies, whose unknown fields a backend refuses (answers may grow new ones). */
const CLOSED = new Set([
  'NewComment',
  'NewCommentAuthor',
  'CommentEdit',
  'AdminSignIn',
  'AdminBulkRequest',
  'AdminThreadAction',
  'CommentReport',
  'AdminBanRequest',
  'AdminUnbanRequest',
]);

/** The schemas, as JSON Schema 2020-12 objects for components.schemas. */
function generate() {
  const generator = createGenerator({
    path: here('../src/wire.ts'),
    tsconfig: here('../tsconfig.json'),
    type: '*',
    expose: 'export',
    topRef: false,
    jsDoc: 'extended',
    // Answers may grow new fields: the contract grows additively.
    additionalProperties: true,
    skipTypeCheck: true,
  });
  const definitions = {};
  for (const type of Object.values(SCHEMAS)) {
    const {definitions: used = {}, $schema: _, ...schema} = generator.createSchema(type);
    Object.assign(definitions, used, {[type]: schema});
  }
  // References and links between the types become references between the schemas.
  const rewrite = (node) => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (node === null || typeof node !== 'object') return node;
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref') {
        const type = value.replace('#/definitions/', '');
        if (!nameOf[type])
          throw new Error(`wire.ts: ${type} is referred to but has no schema name in contract/scripts/openapi.mjs`);
        out.$ref = `#/components/schemas/${nameOf[type]}`;
      } else if (key === 'description') {
        out.description = value.replace(/\s*\{@link\s+(\w+)\s*\}\s*/g, (_, type) => ` \`${nameOf[type] ?? type}\``).trim();
      } else out[key] = rewrite(value);
    }
    return out;
  };
  return Object.fromEntries(
    Object.entries(SCHEMAS).map(([name, type]) => {
      if (!definitions[type]) throw new Error(`wire.ts has no exported type ${type}`);
      const schema = rewrite(definitions[type]);
      return [name, CLOSED.has(name) ? {...schema, additionalProperties: false} : schema];
    })
  );
}

const text = readFileSync(DOCUMENT, 'utf8');
const doc = YAML.parseDocument(text);
doc.setIn(['components', 'schemas'], doc.createNode(generate()));
// Laid out as Prettier lays out every file of the repository.
const written = await prettier.format(doc.toString({lineWidth: 0}), {
  ...(await prettier.resolveConfig(DOCUMENT)),
  filepath: DOCUMENT,
});

if (process.argv.includes('--check')) {
  const result = await new Validator().validate(YAML.parse(text));
  if (!result.valid) {
    console.error(`contract/openapi.yaml is not a valid OpenAPI 3.1 document:\n${JSON.stringify(result.errors, null, 2)}`);
    process.exit(1);
  }
  if (written !== text) {
    console.error('contract/openapi.yaml does not match contract/src/wire.ts: run `npm run openapi` and commit the result.');
    process.exit(1);
  }
  console.log('contract/openapi.yaml is valid OpenAPI 3.1 and its schemas match contract/src/wire.ts.');
} else {
  writeFileSync(DOCUMENT, written);
  console.log('contract/openapi.yaml: components.schemas written from contract/src/wire.ts.');
}
