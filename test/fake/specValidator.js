// @ts-check
'use strict';

/**
 * Request/response checker built from Constant Contact's official Swagger 2.0 spec
 * (`../shared/constant-contact/swagger.yaml`, read at run time — never copied into the project).
 *
 * - validateRequest: strict. It is what the fake API uses to reject requests a real client must not
 *   send: unknown operations, undeclared query parameters, wrong types/enums/ranges, and request
 *   bodies that do not match the operation's body schema — with every object schema treated as
 *   `additionalProperties: false` (a client must not send fields the API does not define).
 * - validateResponse: lenient (additional properties allowed). Used by the fake's own tests to
 *   show the fake answers in the spec's shapes.
 *
 * Spec defects that would make correct requests fail are patched by the small, commented override
 * lists below (SCHEMA_OVERRIDES and the query-parameter rules in checkQueryParam).
 */

const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');
const AjvModule = require('ajv');
const addFormatsModule = require('ajv-formats');

/** @type {typeof import('ajv').default} */
const Ajv = AjvModule.default || AjvModule;
/** @type {typeof import('ajv-formats').default} */
const addFormats = addFormatsModule.default || addFormatsModule;

const PROJECT_ROOT = path.resolve(__dirname, '../..');
const DEFAULT_SPEC_PATH = path.resolve(__dirname, '../../../shared/constant-contact/swagger.yaml');

/** Query parameters accepted on every GET operation although the spec does not declare them. */
const ALWAYS_ALLOWED_QUERY = new Set([
	// Brief §4: the API's own `_links.next.href` carries `cursor=…`; the spec declares `cursor` on no
	// operation (GET /contact_tags only mentions it in prose).
	'cursor',
]);

/**
 * Documented spec defects (brief §6.1 and §13). Each entry patches `definitions/<def>` at the JSON
 * path `at` before any schema is compiled (for requests and responses alike).
 * `set` merges keys; `remove` deletes keys.
 * @type {Array<{def: string, at: string[], set?: Record<string, unknown>, remove?: string[], why: string}>}
 */
const SCHEMA_OVERRIDES = [
	// --- `maxItems: 0` arrays (brief §6.1 "Spec defects to ignore"): take the limit from the description.
	{
		def: 'ListActivityRemoveContacts',
		at: ['properties', 'list_ids'],
		set: { maxItems: 50 },
		why: 'maxItems: 0; description: "Specify up to 50 target list_ids"',
	},
	{
		def: 'ListActivityRemoveContacts',
		at: ['properties', 'source', 'properties', 'list_ids'],
		set: { maxItems: 50 },
		why: 'maxItems: 0; description: "Include up to 50 list_id values"',
	},
	{
		def: 'ListActivityRemoveContacts',
		at: ['properties', 'source', 'properties', 'contact_ids'],
		set: { maxItems: 500 },
		why: 'maxItems: 0; description: "Include up to 500 contact_id values"',
	},
	{
		def: 'ListActivityRemoveContacts',
		at: ['properties', 'source', 'properties', 'tag_ids'],
		remove: ['maxItems'],
		why: 'maxItems: 0; the description states no limit, so none is enforced',
	},
	{
		def: 'ListActivityAddContacts',
		at: ['properties', 'source', 'properties', 'tag_ids'],
		remove: ['maxItems'],
		why: 'maxItems: 0; the description states no limit, so none is enforced',
	},
	{
		def: 'CustomFieldId100',
		at: ['properties', 'custom_field_ids'],
		set: { maxItems: 100 },
		why: 'maxItems: 0; definition name and brief §6.1 give 100',
	},
	// --- list_memberships / taggings items are marked readOnly, yet POST/PUT /contacts take them
	// (brief §5.3: "Body accepts the sub-resource arrays directly"). readOnly is ignored anyway;
	// removing it documents the intent.
	...['ContactPostRequest', 'ContactPutRequest', 'ContactResource'].flatMap((def) =>
		['list_memberships', 'taggings'].map((prop) => ({
			def,
			at: ['properties', prop, 'items'],
			remove: ['readOnly'],
			why: 'items marked readOnly but writable on create/update',
		})),
	),
	// --- JSON import: `cf:custom_field_name` is a placeholder for `cf:<custom field name>` keys
	// (brief §6.1: "up to 25 cf:<custom field name> keys"). The literal property `home country`
	// (with a space) is a spec typo that is kept as the spec has it (brief §6.1/§13).
	{
		def: 'JsonImportContact',
		at: [],
		set: { patternProperties: { '^cf:': { type: 'string' } } },
		why: 'cf:<name> keys are dynamic; the spec lists only the placeholder cf:custom_field_name',
	},
	// --- POST /emails/activities/{id}/schedules: `scheduled_date` is typed `format: date-time`, yet
	// its description (and brief §8.3, trap 30) says `"0"` sends now and `2022-05-17` (a date alone)
	// is valid too. Accept "0", a date, or a date-time; the fake's handler checks the value.
	{
		def: 'EmailScheduleInput',
		at: ['properties', 'scheduled_date'],
		remove: ['format'],
		set: { pattern: '^(0|\\d{4}-\\d{2}-\\d{2}(T.+)?)$' },
		why: 'format date-time, but the description allows "0" (send now) and a date alone (2022-05-17)',
	},
];

/**
 * Documented spec defects in operation parameters: `set` merges keys into the parameter `name` of
 * operation `operationId` (after $ref resolution).
 * @type {Array<{operationId: string, name: string, set: Record<string, unknown>, why: string}>}
 */
const PARAM_OVERRIDES = [
	// GET /reports/contact_reports/{contact_id}/activity_details: `tracking_activity_type` is an
	// array without `collectionFormat` (Swagger 2 default: csv), but the spec's own x-example and
	// description (brief §9) repeat it: `tracking_activity_type=em_sends&tracking_activity_type=em_opens`.
	{
		operationId: 'getContactTracking',
		name: 'tracking_activity_type',
		set: { collectionFormat: 'multi' },
		why: 'array without collectionFormat, but the x-example repeats the parameter',
	},
];

/**
 * Formats the spec uses that ajv-formats does not define (or that mean something else here).
 * @type {Record<string, true>}
 */
const EXTRA_FORMATS = {
	csv: true, // Swagger-ism on query parameters; checked per value in checkQueryParam
};

let noticePrinted = false;
/** @type {Map<string, SpecValidator>} */
const cache = new Map();

/**
 * Resolve the spec path: explicit argument, then env CC_SWAGGER_PATH, then the default
 * `<project>/../shared/constant-contact/swagger.yaml`.
 * @param {string} [specPath]
 */
function resolveSpecPath(specPath) {
	return path.resolve(specPath || process.env.CC_SWAGGER_PATH || DEFAULT_SPEC_PATH);
}

/**
 * Is the spec check on? Off when env CC_NO_SPEC is set (1/true/yes: to run the tests as a clone
 * without the spec would) or when the spec file is absent.
 * @param {string} [specPath]
 * @returns {{ on: true, path: string } | { on: false, path: string, reason: string }}
 */
function specStatus(specPath) {
	const resolved = resolveSpecPath(specPath);
	if (/^(1|true|yes)$/i.test(process.env.CC_NO_SPEC ?? '')) return { on: false, path: resolved, reason: 'CC_NO_SPEC is set' };
	if (!fs.existsSync(resolved)) {
		const rel = path.relative(PROJECT_ROOT, resolved);
		return { on: false, path: resolved, reason: `${rel.startsWith(`..${path.sep}..`) ? resolved : rel} not found` };
	}
	return { on: true, path: resolved };
}

/**
 * The one notice printed when the spec check is off.
 * @param {string} reason
 */
function specOffNotice(reason) {
	return (
		`spec check off (${reason}): the fake still refuses what Constant Contact refuses, but requests and ` +
		`responses are not checked against the official spec, and the tests that judge only the spec are ` +
		`skipped. For the full check set CC_SWAGGER_PATH to Constant Contact's swagger.yaml (README: Development).`
	);
}

/**
 * Load (and cache) a validator for the spec, or return null when the check is off (see
 * specStatus) — after one stderr notice per process, unless env CC_SPEC_NOTICE_SHOWN says a parent
 * process (jest's global setup) has printed it already.
 * @param {string} [specPath]
 * @returns {SpecValidator | null}
 */
function loadSpecValidator(specPath) {
	const status = specStatus(specPath);
	const resolved = status.path;
	if (!status.on) {
		if (!noticePrinted && !process.env.CC_SPEC_NOTICE_SHOWN) {
			noticePrinted = true;
			process.stderr.write(`${specOffNotice(status.reason)}\n`);
		}
		return null;
	}
	const cached = cache.get(resolved);
	if (cached) return cached;
	const spec = YAML.parse(fs.readFileSync(resolved, 'utf8'));
	const validator = new SpecValidator(spec);
	cache.set(resolved, validator);
	return validator;
}

/** @param {unknown} v @returns {v is Record<string, any>} */
function isObject(v) {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** @param {any} v */
function deepClone(v) {
	return JSON.parse(JSON.stringify(v));
}

/**
 * Walk every schema position of a (Swagger 2 / JSON-Schema-draft-4-like) schema and call fn on it.
 * Only real schema positions are visited: `properties` maps, `items`, `additionalProperties`,
 * `patternProperties`, `allOf/anyOf/oneOf`, `not`.
 * @param {any} schema
 * @param {(s: Record<string, any>) => void} fn
 */
function walkSchema(schema, fn) {
	if (!isObject(schema)) return;
	fn(schema);
	for (const key of ['properties', 'patternProperties']) {
		if (isObject(schema[key])) for (const sub of Object.values(schema[key])) walkSchema(sub, fn);
	}
	if (Array.isArray(schema.items)) schema.items.forEach((s) => walkSchema(s, fn));
	else walkSchema(schema.items, fn);
	walkSchema(schema.additionalProperties, fn);
	walkSchema(schema.not, fn);
	for (const key of ['allOf', 'anyOf', 'oneOf']) {
		if (Array.isArray(schema[key])) schema[key].forEach((s) => walkSchema(s, fn));
	}
}

/**
 * Rewrite local `#/definitions/X` refs to point into the schema registered under `rootId`.
 * @param {any} node
 * @param {string} rootId
 */
function rewriteRefs(node, rootId) {
	if (Array.isArray(node)) node.forEach((n) => rewriteRefs(n, rootId));
	else if (isObject(node)) {
		for (const [k, v] of Object.entries(node)) {
			if (k === '$ref' && typeof v === 'string' && v.startsWith('#/')) node[k] = rootId + v;
			else rewriteRefs(v, rootId);
		}
	}
}

/** @param {string} s */
function isUuid(s) {
	return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}

/** RFC 3339 date-time (what ajv-formats' full `date-time` accepts). */
const dateTimeFormat = /** @type {any} */ (require('ajv-formats/dist/formats').fullFormats['date-time']);
/** @param {string} s */
function isDateTime(s) {
	return typeof dateTimeFormat === 'function' ? dateTimeFormat(s) : dateTimeFormat.validate(s);
}

/**
 * @typedef {{ method: string, path: string, query?: Record<string, string | string[]>, body?: unknown }} SpecRequest
 * @typedef {{ method: string, template: string, regex: RegExp, literalSegments: number, operationId: string, op: any, pathParams: string[] }} Route
 */

class SpecValidator {
	/** @param {any} spec parsed swagger.yaml */
	constructor(spec) {
		this.spec = spec;
		this.basePath = spec.basePath || '';
		/** Patch descriptions used by reports. */
		this.overrides = [
			...SCHEMA_OVERRIDES.map((o) => `${o.def}/${o.at.join('/')}: ${o.why}`),
			...PARAM_OVERRIDES.map((o) => `${o.operationId} ${o.name}: ${o.why}`),
		];

		const definitions = deepClone(spec.definitions || {});
		for (const o of SCHEMA_OVERRIDES) {
			let node = definitions[o.def];
			for (const k of o.at) node = node && node[k];
			if (!isObject(node)) continue; // definition changed in a newer spec: nothing to patch
			if (o.set) Object.assign(node, deepClone(o.set));
			for (const k of o.remove || []) delete node[k];
		}
		// Any further `maxItems: 0` (not seen in v3.0.172) would reject every non-empty array:
		// take "up to N" from its description, else drop the limit.
		for (const def of Object.values(definitions)) {
			walkSchema(def, (s) => {
				if (s.maxItems === 0) {
					const m = /up to ([\d,]+)/i.exec(String(s.description || ''));
					if (m) s.maxItems = Number(m[1].replace(/,/g, ''));
					else delete s.maxItems;
				}
			});
		}

		// Strict copy for request bodies: objects are closed unless they say otherwise.
		const requestDefs = deepClone(definitions);
		for (const def of Object.values(requestDefs)) walkSchema(def, closeObject);
		// Lenient copy for responses: drop additionalProperties:false anywhere.
		const responseDefs = deepClone(definitions);
		for (const def of Object.values(responseDefs)) walkSchema(def, openObject);

		/** @param {string} id @param {Record<string, any>} defs */
		const makeAjv = (id, defs) => {
			const ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateSchema: false });
			addFormats(ajv);
			for (const [name, fmt] of Object.entries(EXTRA_FORMATS)) ajv.addFormat(name, fmt);
			ajv.addSchema({ $id: id, definitions: defs });
			return ajv;
		};
		this.requestAjv = makeAjv('req', requestDefs);
		this.responseAjv = makeAjv('res', responseDefs);
		/** @type {Map<string, import('ajv').ValidateFunction>} */
		this.compiled = new Map();

		/** @type {Route[]} */
		this.routes = [];
		/** @type {Map<string, Route>} */
		this.byOperationId = new Map();
		for (const [template, item] of Object.entries(spec.paths || {})) {
			if (!isObject(item)) continue;
			for (const [method, op] of Object.entries(item)) {
				if (!['get', 'put', 'post', 'delete', 'patch', 'head', 'options'].includes(method)) continue;
				/** @type {string[]} */
				const pathParams = [];
				const segs = template.split('/').filter(Boolean);
				const re = segs
					.map((seg) => {
						const m = /^\{(.+)\}$/.exec(seg);
						if (m) {
							pathParams.push(m[1]);
							return '([^/]+)';
						}
						return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
					})
					.join('/');
				const operationId = op.operationId || `${method.toUpperCase()} ${template}`;
				const parameters = [...(item.parameters || []), ...(op.parameters || [])].map((/** @type {any} */ p) => {
					const fix = PARAM_OVERRIDES.find((o) => o.operationId === operationId && (p.$ref ? this.resolveRef(p.$ref) : p)?.name === o.name);
					return fix ? { ...(p.$ref ? this.resolveRef(p.$ref) : p), ...deepClone(fix.set) } : p;
				});
				const route = {
					method: method.toUpperCase(),
					template,
					regex: new RegExp(`^/${re}/?$`),
					literalSegments: segs.filter((s) => !s.startsWith('{')).length,
					operationId,
					op: { ...op, parameters },
					pathParams,
				};
				this.routes.push(route);
				this.byOperationId.set(route.operationId, route);
			}
		}
		// Literal segments win over templates: /contacts/counts before /contacts/{contact_id}.
		this.routes.sort((a, b) => b.literalSegments - a.literalSegments);
	}

	/**
	 * Find the spec operation for a method and a full request path (with basePath, e.g. /v3/contacts/abc).
	 * @param {string} method
	 * @param {string} fullPath
	 * @returns {{ route: Route, pathParams: Record<string, string> } | null}
	 */
	findOperation(method, fullPath) {
		const p = fullPath.split('?')[0];
		if (!p.startsWith(this.basePath + '/')) return null;
		const rest = p.slice(this.basePath.length);
		const m = method.toUpperCase();
		for (const route of this.routes) {
			if (route.method !== m) continue;
			const match = route.regex.exec(rest);
			if (!match) continue;
			/** @type {Record<string, string>} */
			const pathParams = {};
			route.pathParams.forEach((name, i) => {
				let v = match[i + 1];
				try {
					v = decodeURIComponent(v);
				} catch {
					/* keep raw */
				}
				pathParams[name] = v;
			});
			return { route, pathParams };
		}
		return null;
	}

	/**
	 * @param {SpecRequest} req
	 * @returns {{ operationId: string | null, errors: string[] }}
	 */
	validateRequest(req) {
		const method = String(req.method || 'GET').toUpperCase();
		const found = this.findOperation(method, req.path);
		if (!found) {
			return { operationId: null, errors: [`${method} ${req.path}: no such operation in the spec`] };
		}
		const { route, pathParams } = found;
		/** @type {string[]} */
		const errors = [];
		const params = /** @type {any[]} */ (route.op.parameters || []).map((p) => this.resolveParam(p));
		const query = req.query || {};

		// Query parameters: every one must be declared (plus `cursor`).
		const declared = new Map(params.filter((p) => p.in === 'query').map((p) => [p.name, p]));
		for (const [name, value] of Object.entries(query)) {
			const def = declared.get(name);
			if (!def) {
				if (!(method === 'GET' && ALWAYS_ALLOWED_QUERY.has(name))) {
					errors.push(`query parameter "${name}" is not declared for ${route.operationId}`);
				}
				continue;
			}
			this.checkQueryParam(def, value, errors);
		}
		for (const p of params) {
			if (p.in === 'query' && p.required && !(p.name in query)) {
				errors.push(`required query parameter "${p.name}" is missing`);
			}
			if (p.in === 'path') {
				const v = pathParams[p.name];
				if (v === undefined || v === '') errors.push(`path parameter "${p.name}" is missing`);
				else this.checkScalar(`path parameter "${p.name}"`, p, v, errors, false);
			}
		}

		// Body.
		const bodyParam = params.find((p) => p.in === 'body');
		const hasFormData = params.some((p) => p.in === 'formData');
		if (bodyParam) {
			if (req.body === undefined) {
				if (bodyParam.required) errors.push('request body is required');
			} else {
				const validate = this.compile('req', route.operationId, bodyParam.schema || {});
				if (!validate(req.body)) errors.push(...formatAjvErrors(validate.errors, 'body'));
			}
		} else if (req.body !== undefined && !hasFormData) {
			errors.push(`${route.operationId} takes no request body`);
		}
		return { operationId: route.operationId, errors };
	}

	/**
	 * Lenient response check. Statuses the operation declares with a schema are checked against it;
	 * error statuses without a schema are checked against the generic error shapes (brief §3.1):
	 * 401/429 single object `{error_key, error_message}` (AuthorizationErrorSchema; 429 may also be
	 * the array form), other 4xx/5xx the array form (APIErrorSchema). A 2xx the operation does not
	 * declare is an error; 204 must have no body.
	 * @param {string} operationId
	 * @param {number} status
	 * @param {unknown} body parsed JSON, or undefined for an empty body
	 * @returns {string[]}
	 */
	validateResponse(operationId, status, body) {
		const route = this.byOperationId.get(operationId);
		if (!route) return [`unknown operationId "${operationId}"`];
		const responses = route.op.responses || {};
		let declared = responses[String(status)];
		if (declared && declared.$ref) declared = this.resolveRef(declared.$ref);
		if (status === 204 || (declared && !declared.schema && status < 300)) {
			return body === undefined || body === '' ? [] : [`${status} response must have no body`];
		}
		if (declared && declared.schema) {
			const validate = this.compile('res', `${operationId}:${status}`, declared.schema);
			return validate(body) ? [] : formatAjvErrors(validate.errors, 'response');
		}
		if (status < 400) {
			return declared ? [] : [`status ${status} is not declared for ${operationId}`];
		}
		// Gateway errors (fault-injected 502/504) may carry any body.
		if (status === 502 || status === 504) return [];
		const isArrayError = this.compile('res', '#APIErrorSchema', { $ref: '#/definitions/APIErrorSchema' });
		const isObjectError = this.compile('res', '#AuthorizationErrorSchema', {
			$ref: '#/definitions/AuthorizationErrorSchema',
		});
		if (status === 401 || status === 429) {
			if (isObject(body) && isObjectError(body) && typeof body.error_key === 'string') return [];
			if (status === 429 && Array.isArray(body) && body.length > 0 && isArrayError(body)) return [];
			return [`${status} body must be {error_key, error_message}`];
		}
		if (Array.isArray(body) && body.length > 0 && isArrayError(body) && body.every((e) => typeof e.error_key === 'string')) {
			return [];
		}
		return [`${status} body must be [{error_key, error_message}]`];
	}

	/** @param {string} ref */
	resolveRef(ref) {
		/** @type {any} */
		let node = this.spec;
		for (const k of ref.replace(/^#\//, '').split('/')) node = node && node[k.replace(/~1/g, '/').replace(/~0/g, '~')];
		return node;
	}

	/** @param {any} p */
	resolveParam(p) {
		return p && p.$ref ? this.resolveRef(p.$ref) : p;
	}

	/**
	 * @param {'req' | 'res'} kind
	 * @param {string} key
	 * @param {any} schema
	 */
	compile(kind, key, schema) {
		const cacheKey = `${kind}:${key}`;
		let fn = this.compiled.get(cacheKey);
		if (!fn) {
			const copy = deepClone(schema);
			if (kind === 'req') walkSchema(copy, closeObject);
			else walkSchema(copy, openObject);
			rewriteRefs(copy, kind);
			fn = (kind === 'req' ? this.requestAjv : this.responseAjv).compile(copy);
			this.compiled.set(cacheKey, fn);
		}
		return fn;
	}

	/**
	 * @param {any} def parameter definition
	 * @param {string | string[]} value
	 * @param {string[]} errors
	 */
	checkQueryParam(def, value, errors) {
		const label = `query parameter "${def.name}"`;
		// Swagger 2: an array with `collectionFormat: multi` is sent as the parameter repeated, one
		// item per occurrence (bounce_code=B&bounce_code=D); each value is then ONE item, so a
		// comma-separated value is a single (usually invalid) item. `collectionFormat` applies to
		// arrays only; every other parameter is sent once.
		const multi = def.type === 'array' && def.collectionFormat === 'multi';
		if (Array.isArray(value) && !multi) {
			errors.push(`${label} must not be repeated`);
			return;
		}
		for (const v of Array.isArray(value) ? value : [value]) this.checkScalar(label, def, v, errors, true, multi);
	}

	/**
	 * Check one string-encoded parameter value against a Swagger 2 parameter definition.
	 * @param {string} label
	 * @param {any} def
	 * @param {string} value
	 * @param {string[]} errors
	 * @param {boolean} isQuery
	 * @param {boolean} [oneItem] the value is one item of a `collectionFormat: multi` array (no splitting at commas)
	 */
	checkScalar(label, def, value, errors, isQuery, oneItem = false) {
		const type = def.type;
		if (type === 'integer' || type === 'number') {
			const ok = type === 'integer' ? /^-?\d+$/.test(value) : value.trim() !== '' && Number.isFinite(Number(value));
			if (!ok) {
				errors.push(`${label} must be ${type === 'integer' ? 'an integer' : 'a number'}, got "${value}"`);
				return;
			}
			const n = Number(value);
			// Override: GET /contact_tags declares its integer `limit` bounds as
			// minLength/maxLength (brief §4: "spec misuses maxLength: 500"). Treat them as min/max.
			const min = def.minimum !== undefined ? def.minimum : def.minLength;
			const max = def.maximum !== undefined ? def.maximum : def.maxLength;
			if (min !== undefined && n < min) errors.push(`${label} must be >= ${min}, got ${n}`);
			if (max !== undefined && n > max) errors.push(`${label} must be <= ${max}, got ${n}`);
			if (Array.isArray(def.enum) && !def.enum.map(String).includes(value)) {
				errors.push(`${label} must be one of ${def.enum.join(', ')}, got "${value}"`);
			}
			return;
		}
		if (type === 'boolean') {
			if (value !== 'true' && value !== 'false') errors.push(`${label} must be true or false, got "${value}"`);
			return;
		}
		// string with format csv, and `array` (collectionFormat csv, the Swagger 2 default): values
		// may be comma-separated. An item of a `multi` array is one value.
		const isList = !oneItem && (def.format === 'csv' || type === 'array' || def.collectionFormat === 'csv');
		const enumValues = Array.isArray(def.enum) ? def.enum : def.items && Array.isArray(def.items.enum) ? def.items.enum : null;
		const parts = isList ? value.split(',') : [value];
		if (enumValues) {
			for (const part of parts) {
				if (!enumValues.map(String).includes(part)) {
					errors.push(`${label} value "${part}" is not one of ${enumValues.join(', ')}`);
				}
			}
		}
		if (!isQuery) return; // path ids are checked by the handlers (a malformed id is a 404, brief §3)
		// Override: string query parameters that take a comma-separated list of IDs carry their list
		// limit as `maximum` (GET /contacts lists: 25, tags: 50, segment_id: 1; brief §5.2).
		if (type === 'string' && typeof def.maximum === 'number') {
			const count = value.split(',').length;
			if (count > def.maximum) errors.push(`${label} accepts at most ${def.maximum} value(s), got ${count}`);
		}
		if (def.format === 'date-time' && !isDateTime(value)) {
			errors.push(`${label} must be an ISO-8601 date-time (e.g. 2022-01-01T16:37:59.091Z), got "${value}"`);
		}
		// GET /contacts `tags` is `format: uuid` although it takes a CSV of tag IDs: check each.
		if (def.format === 'uuid') {
			for (const part of value.split(',')) {
				if (!isUuid(part)) errors.push(`${label} value "${part}" is not a UUID`);
			}
		}
		if (typeof def.maxLength === 'number' && value.length > def.maxLength) {
			errors.push(`${label} must be at most ${def.maxLength} characters`);
		}
		if (typeof def.minLength === 'number' && value.length < def.minLength) {
			errors.push(`${label} must be at least ${def.minLength} characters`);
		}
	}
}

/**
 * Request-body strictness: an object schema without an explicit `additionalProperties` is closed.
 * @param {Record<string, any>} s
 */
function closeObject(s) {
	if ((s.type === 'object' || isObject(s.properties)) && !('additionalProperties' in s)) {
		s.additionalProperties = false;
	}
}

/** Response leniency: never reject extra properties. @param {Record<string, any>} s */
function openObject(s) {
	if (s.additionalProperties === false) delete s.additionalProperties;
}

/**
 * @param {import('ajv').ErrorObject[] | null | undefined} errs
 * @param {string} root
 * @returns {string[]}
 */
function formatAjvErrors(errs, root) {
	return (errs || []).map((e) => {
		const where = root + (e.instancePath || '');
		const p = /** @type {Record<string, any>} */ (e.params || {});
		if (e.keyword === 'additionalProperty' || e.keyword === 'additionalProperties') {
			return `${where} has undeclared property "${p.additionalProperty}"`;
		}
		if (e.keyword === 'enum') return `${where} must be one of ${(p.allowedValues || []).join(', ')}`;
		if (e.keyword === 'required') return `${where} is missing required property "${p.missingProperty}"`;
		return `${where} ${e.message}`;
	});
}

module.exports = {
	loadSpecValidator,
	resolveSpecPath,
	specStatus,
	specOffNotice,
	SpecValidator,
	DEFAULT_SPEC_PATH,
	SCHEMA_OVERRIDES,
	PARAM_OVERRIDES,
};
