// Checks real HTTP responses against docs/openapi.yaml: the status must be documented for
// the operation, the body must match the documented schema, documented required headers
// must be there.
import {readFileSync} from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import YAML from 'yaml';

export const OPENAPI_PATH = new URL('../../docs/openapi.yaml', import.meta.url);

/** The parsed OpenAPI document. */
export const openapi = YAML.parse(readFileSync(OPENAPI_PATH, 'utf8'));

const ajv = new Ajv2020({strict: false, allErrors: true});
addFormats(ajv);
ajv.addSchema(openapi, 'openapi.json');

const compiled = new Map();
/** A validator for a JSON pointer into the document (`#/components/schemas/Comment`). */
function validatorFor(pointer) {
  let v = compiled.get(pointer);
  if (!v) compiled.set(pointer, (v = ajv.compile({$ref: `openapi.json${pointer}`})));
  return v;
}

const escape = (s) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function resolve(node) {
  while (node && node.$ref) {
    node = node.$ref
      .slice(2)
      .split('/')
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((n, p) => n?.[p], openapi);
  }
  return node;
}

/** Validates `value` against a named schema of `components.schemas`; returns the errors or null. */
export function schemaErrors(name, value) {
  const v = validatorFor(`#/components/schemas/${name}`);
  return v(value) ? null : ajv.errorsText(v.errors);
}

/**
 * Checks one response against the operation `method path` of the document.
 * @param {string} method  get, post …
 * @param {string} path  the path template, e.g. `/threads/{thread}/comments`
 * @param {{status: number, headers: Headers}} response
 * @param {unknown} body  the parsed JSON body (ignored for non-JSON media types)
 * @returns {string[]} problems, empty when it conforms
 */
export function conformance(method, path, response, body) {
  const problems = [];
  const operation = openapi.paths[path]?.[method];
  if (!operation) return [`${method.toUpperCase()} ${path} is not in the OpenAPI document`];
  const documented = resolve(operation.responses[String(response.status)]);
  if (!documented) {
    return [`${method.toUpperCase()} ${path} answered ${response.status}, which the OpenAPI document does not list (${Object.keys(operation.responses).join(', ')})`];
  }
  for (const [name, header] of Object.entries(documented.headers ?? {})) {
    const h = resolve(header);
    const value = response.headers.get(name);
    if (h.required && value === null) problems.push(`header ${name} is required on ${response.status}`);
    if (value !== null && h.schema?.pattern && !new RegExp(h.schema.pattern).test(value)) {
      problems.push(`header ${name}: "${value}" does not match ${h.schema.pattern}`);
    }
  }
  const content = documented.content ?? {};
  const types = Object.keys(content);
  if (types.length) {
    const contentType = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (!types.includes(contentType)) problems.push(`content type "${contentType}" is not one of ${types.join(', ')}`);
    else if (contentType === 'application/json') {
      const pointer = `#/paths/${escape(path)}/${method}/responses/${response.status}`;
      // Follow a $ref of the response object itself to where its schema lives.
      const responseRef = operation.responses[String(response.status)].$ref;
      const base = responseRef ? responseRef : pointer;
      const v = validatorFor(`${base}/content/application~1json/schema`);
      if (!v(body)) problems.push(`body does not match the schema: ${ajv.errorsText(v.errors)} — ${JSON.stringify(body).slice(0, 300)}`);
    }
  }
  return problems;
}
