// Checks real HTTP answers against parley-contract's openapi.yaml: the status must be
// documented for the operation, the body must match the documented schema, documented
// required headers must be there.
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {Ajv2020} from 'ajv/dist/2020.js';
import type {ValidateFunction} from 'ajv';
import addFormatsModule from 'ajv-formats';
import YAML from 'yaml';

// ajv-formats is CommonJS: under NodeNext its default export is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** Where the OpenAPI document of REST contract v1 is. */
export const OPENAPI_PATH = fileURLToPath(import.meta.resolve('parley-contract/openapi.yaml'));

interface Header {
  required?: boolean;
  schema?: {pattern?: string};
}
interface ResponseObject {
  $ref?: string;
  headers?: Record<string, Header & {$ref?: string}>;
  content?: Record<string, unknown>;
}
interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, {responses: Record<string, ResponseObject>}>>;
  components: {schemas: Record<string, unknown>};
}

/** The parsed OpenAPI document. */
export const openapi = YAML.parse(readFileSync(OPENAPI_PATH, 'utf8')) as OpenApi;

const ajv = new Ajv2020({strict: false, allErrors: true});
addFormats(ajv);
ajv.addSchema(openapi, 'openapi.json');

const compiled = new Map<string, ValidateFunction>();
/** A validator for a JSON pointer into the document (`#/components/schemas/Comment`). */
function validatorFor(pointer: string): ValidateFunction {
  let v = compiled.get(pointer);
  if (!v) compiled.set(pointer, (v = ajv.compile({$ref: `openapi.json${pointer}`})));
  return v;
}

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** Follows `$ref`s to the object they name. */
function resolve<T extends {$ref?: string}>(node: T | undefined): T | undefined {
  while (node?.$ref) {
    node = node.$ref
      .slice(2)
      .split('/')
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((n, p) => (n as Record<string, unknown> | undefined)?.[p], openapi) as T | undefined;
  }
  return node;
}

/** Validates `value` against a named schema of `components.schemas`; returns the errors or null. */
export function schemaErrors(name: string, value: unknown): string | null {
  const v = validatorFor(`#/components/schemas/${name}`);
  return v(value) ? null : ajv.errorsText(v.errors);
}

/**
 * Checks one answer against the operation `method path` of the document; returns the
 * problems, none when it conforms.
 * @param method  get, post …
 * @param path  the path template, e.g. `/threads/{thread}/comments`
 * @param body  the parsed JSON body (ignored for other media types)
 */
export function conformance(method: string, path: string, response: {status: number; headers: Headers}, body: unknown): string[] {
  const problems: string[] = [];
  const operation = openapi.paths[path]?.[method];
  if (!operation) return [`${method.toUpperCase()} ${path} is not in the OpenAPI document`];
  const declared = operation.responses[String(response.status)];
  const documented = resolve(declared);
  if (!documented) {
    const listed = Object.keys(operation.responses).join(', ');
    return [`${method.toUpperCase()} ${path} answered ${response.status}, which the OpenAPI document does not list (${listed})`];
  }
  for (const [name, header] of Object.entries(documented.headers ?? {})) {
    const h = resolve(header) ?? {};
    const value = response.headers.get(name);
    if (h.required && value === null) problems.push(`header ${name} is required on ${response.status}`);
    if (value !== null && h.schema?.pattern && !new RegExp(h.schema.pattern).test(value)) {
      problems.push(`header ${name}: "${value}" does not match ${h.schema.pattern}`);
    }
  }
  const types = Object.keys(documented.content ?? {});
  if (types.length) {
    const contentType = (response.headers.get('content-type') ?? '').replace(/;.*/s, '').trim().toLowerCase();
    if (!types.includes(contentType)) problems.push(`content type "${contentType}" is not one of ${types.join(', ')}`);
    else if (contentType === 'application/json') {
      // Follow a $ref of the response object itself to where its schema lives.
      const base = declared?.$ref ?? `#/paths/${escape(path)}/${method}/responses/${response.status}`;
      const v = validatorFor(`${base}/content/application~1json/schema`);
      if (!v(body))
        problems.push(`body does not match the schema: ${ajv.errorsText(v.errors)} — ${JSON.stringify(body).slice(0, 300)}`);
    }
  }
  return problems;
}
