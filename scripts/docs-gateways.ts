// Facts for a reader who holds an API key and a gateway's URL and wants to know which dialect it
// speaks and how to authenticate: read from each (bundled) document, never typed by hand. Used by
// the docs build for an Authentication section on every page and two tables on the index.
type JsonObject = { [key: string]: unknown };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Follows a local `$ref` (`#/components/...`) of the bundled document, as many times as it takes. */
function deref(document: JsonObject, value: unknown): unknown {
  for (let depth = 0; isObject(value) && typeof value.$ref === 'string' && depth < 20; depth++) {
    const ref: string = value.$ref;
    value = ref
      .replace(/^#\//, '')
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, part) => (isObject(node) ? node[part] : undefined), document);
  }
  return value;
}

export interface AuthScheme {
  /** The scheme's name in components.securitySchemes. */
  name: string;
  /** Where the key goes: the header (or query parameter or cookie) name. */
  carrier: string;
  /** What that header's value looks like. */
  value: string;
  description: string;
}

/** The security schemes the document's top-level `security` uses, each as header and value. */
export function authenticationOf(document: JsonObject): AuthScheme[] {
  const schemes = isObject(document.components) && isObject(document.components.securitySchemes) ? document.components.securitySchemes : {};
  const used = (Array.isArray(document.security) ? document.security : []).filter(isObject).flatMap((requirement) => Object.keys(requirement));
  return [...new Set(used)].flatMap((name) => {
    const scheme = deref(document, schemes[name]);
    if (!isObject(scheme)) return [];
    const description = text(scheme.description);
    if (scheme.type === 'http') {
      const kind = text(scheme.scheme).toLowerCase();
      const value = kind === 'bearer' ? 'Bearer <API key>' : kind === 'basic' ? 'Basic base64(<user>:<password>)' : `${text(scheme.scheme)} <credentials>`;
      return [{ name, carrier: 'header Authorization', value, description }];
    }
    if (scheme.type === 'apiKey') return [{ name, carrier: `${text(scheme.in)} ${text(scheme.name)}`, value: '<API key>', description }];
    return [{ name, carrier: text(scheme.type), value: '', description }];
  });
}

/** An "Authentication" section for the top of a dialect's page (Redoc renders info.description). */
export function authenticationMarkdown(document: JsonObject): string {
  const rows = authenticationOf(document).map(
    (scheme) => `| \`${scheme.name}\` | ${scheme.carrier} | \`${scheme.value}\` | ${scheme.description.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|')} |`,
  );
  if (rows.length === 0) return '';
  const intro = "Every operation needs the gateway's API key (from `components.securitySchemes`):";
  return `\n\n## Authentication\n\n${intro}\n\n| scheme | where the key goes | value | notes |\n|---|---|---|---|\n${rows.join('\n')}\n`;
}

export interface GatewayFacts {
  /** `POST /v1/videos (multipart/form-data)`. */
  submit: string;
  /** `GET /v1/videos/{id}`. */
  poll: string;
  /** The model names the document states: the createTask `model` enum, else the names its request examples use. */
  models: string[];
  servers: { url: string; description: string }[];
}

interface FoundOperation {
  method: string;
  path: string;
  operation: JsonObject;
}

function findOperation(document: JsonObject, operationId: string): FoundOperation | undefined {
  const paths = isObject(document.paths) ? document.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const [method, operation] of Object.entries(item)) {
      if (isObject(operation) && operation.operationId === operationId) return { method: method.toUpperCase(), path, operation };
    }
  }
  return undefined;
}

function modelsOf(document: JsonObject, submit: FoundOperation | undefined): string[] {
  const content = isObject(submit?.operation.requestBody) ? deref(document, submit.operation.requestBody) : undefined;
  const mediaTypes = isObject(content) && isObject(content.content) ? Object.values(content.content).filter(isObject) : [];
  const enums = mediaTypes.flatMap((mediaType) => {
    const schema = deref(document, mediaType.schema);
    const model = isObject(schema) && isObject(schema.properties) ? deref(document, schema.properties.model) : undefined;
    return isObject(model) && Array.isArray(model.enum) ? model.enum.map(String) : [];
  });
  if (enums.length > 0) return [...new Set(enums)];
  const examples = mediaTypes.flatMap((mediaType) =>
    (isObject(mediaType.examples) ? Object.values(mediaType.examples) : []).map((example) => deref(document, example)),
  );
  return [
    ...new Set(
      examples.flatMap((example) => (isObject(example) && isObject(example.value) && typeof example.value.model === 'string' ? [example.value.model] : [])),
    ),
  ];
}

/** What identifies a dialect on the wire: its submit and poll paths, its model names, its servers. */
export function gatewayFactsOf(document: JsonObject): GatewayFacts {
  const submit = findOperation(document, 'createTask');
  const poll = findOperation(document, 'getTask');
  const body = submit && isObject(submit.operation.requestBody) ? deref(document, submit.operation.requestBody) : undefined;
  const mediaType = isObject(body) && isObject(body.content) ? Object.keys(body.content)[0] : undefined;
  return {
    submit: submit ? `${submit.method} ${submit.path}${mediaType ? ` (${mediaType})` : ''}` : '',
    poll: poll ? `${poll.method} ${poll.path}` : '',
    models: modelsOf(document, submit),
    servers: (Array.isArray(document.servers) ? document.servers : [])
      .filter(isObject)
      .map((server) => ({ url: text(server.url), description: text(server.description) })),
  };
}
