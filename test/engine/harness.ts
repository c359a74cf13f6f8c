/**
 * Engine-level test harness: runs the BUILT Constant Contact node (dist/) inside n8n's real
 * execution engine, the way a user's workflow runs in n8n.
 *
 * Real (n8n-core@2.41 / n8n-workflow@2.41 code, unchanged):
 *  - `WorkflowExecute` (execution stack, per-node run data, `onError`/continue-on-fail handling,
 *    paired items, error wrapping), `Workflow` (parameter defaults, expressions), the node
 *    execution contexts (`ExecuteContext`, `LoadOptionsContext`);
 *  - the OAuth2 request path: `httpRequestWithAuthentication` → `requestOAuth2` (bearer signing,
 *    refresh on 401 through @n8n/client-oauth2 with HTTP Basic client authentication, the
 *    "needs to be reconnected" error on invalid_grant, the refresh lock);
 *  - HTTP: requests really go out over the network (n8n's `OutboundHttp`) to the fake servers on
 *    127.0.0.1. Nothing here intercepts or mocks HTTP.
 *
 * Test doubles (written here):
 *  - credential storage: `TestCredentialsHelper` keeps one credential's decrypted data in memory
 *    (no encryption, no database) and stores the token data n8n hands back after a refresh;
 *  - the Manual Trigger node type (n8n-nodes-base is not installed): it emits the test's items;
 *  - two DI services the engine asks the container for: `InstanceSettings` (the real one creates
 *    ~/.n8n/config with a new encryption key) and `Logger` (the real one is winston writing to the
 *    console; this one is silent and collects entries in `engineLog`). Everything else comes from
 *    n8n's own DI (OutboundHttp, LockService, ErrorReporter, ExecutionContextService, …).
 */
import { Container } from '@n8n/di';
import { Logger } from '@n8n/backend-common';
import {
	ExecutionLifecycleHooks,
	ExternalSecretsProxy,
	InstanceSettings,
	LoadOptionsContext,
	PollContext,
	TriggersAndPollers,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ExecutionError,
	ExecutionStatus,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IConnections,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeListSearchResult,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IRun,
	IRunData,
	IRunExecutionData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	ILoadOptionsFunctions,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeConnectionTypes, Workflow, createRunExecutionData, deepCopy } from 'n8n-workflow';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { TestClock } from '../jest/testClock';

// ---------------------------------------------------------------------------------------------
// The package under test, loaded from its build output (run `npm run build` first).
// ---------------------------------------------------------------------------------------------

const ROOT = path.resolve(__dirname, '../..');
const PACKAGE_NAME: string = require(path.join(ROOT, 'package.json')).name;
const DIST = path.join(ROOT, 'dist');

const { ConstantContact } = require(path.join(DIST, 'nodes/ConstantContact/ConstantContact.node.js'));
const { ConstantContactTrigger } = require(path.join(DIST, 'nodes/ConstantContact/ConstantContactTrigger.node.js'));
const { ConstantContactOAuth2Api } = require(path.join(DIST, 'credentials/ConstantContactOAuth2Api.credentials.js'));

/** The node's transport module (the same instance the node uses): `transportSettings`, `resetRateLimiter`. */
export const transport = require(path.join(DIST, 'nodes/ConstantContact/shared/transport/index.js'));

/**
 * The time every wait of the node reads (pace, retries, throttle budget, polls) and the fakes'
 * arrivals: a test clock, so that waits are exact and no test waits in real time for them.
 * (harness.test.ts has the one run on the real clock.)
 */
export const clock = new TestClock();
transport.setClock(clock);
require('../fake').useArrivalClock(clock);

const ccNode: INodeType = new ConstantContact();
const ccCredential: ICredentialType = new ConstantContactOAuth2Api();
const ccTrigger: INodeType = new ConstantContactTrigger();

export const CREDENTIAL_TYPE = ccCredential.name; // 'constantContactOAuth2Api'
export const NODE_TYPE = `${PACKAGE_NAME}.${ccNode.description.name}`; // 'n8n-nodes-constant-contact.constantContact'
export const TRIGGER_TYPE = `${PACKAGE_NAME}.${ccTrigger.description.name}`; // '…constantContactTrigger'
export const MANUAL_TRIGGER_TYPE = 'n8n-nodes-base.manualTrigger';
export const TRIGGER_NAME = 'When clicking ‘Execute workflow’';

/** Test double of n8n-nodes-base's Manual Trigger: outputs the items the run was started with. */
class ManualTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger', 'input'],
		version: 1,
		description: 'Runs the flow on clicking a button in n8n',
		defaults: { name: TRIGGER_NAME },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		return [items.length ? items : [{ json: {} }]];
	}
}

const nodeTypesByName: Record<string, INodeType> = {
	[NODE_TYPE]: ccNode,
	// What n8n makes of a node with usableAsTool when it is attached to an AI Agent.
	[`${NODE_TYPE}Tool`]: ccNode,
	[TRIGGER_TYPE]: ccTrigger,
	[MANUAL_TRIGGER_TYPE]: new ManualTrigger(),
};

class TestNodeTypes implements INodeTypes {
	getByName(type: string): INodeType {
		const nodeType = nodeTypesByName[type];
		if (!nodeType) throw new Error(`The test harness does not know the node type "${type}"`);
		return nodeType;
	}

	getByNameAndVersion(type: string, version?: number): INodeType {
		const nodeType = this.getByName(type);
		const versions = ([] as number[]).concat(nodeType.description.version);
		if (version !== undefined && !versions.includes(version)) {
			throw new Error(`Node type "${type}" has no version ${version} (has ${versions.join(', ')})`);
		}
		return nodeType;
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries(
			Object.keys(nodeTypesByName).map((type) => [type, { className: type, sourcePath: '' }]),
		);
	}
}

const nodeTypes = new TestNodeTypes();

// ---------------------------------------------------------------------------------------------
// Credentials: stored in memory, used by n8n's real OAuth2 code.
// ---------------------------------------------------------------------------------------------

/** A credential as n8n stores it (decrypted), plus what n8n wrote back into it. */
export interface TestCredential {
	id: string;
	name: string;
	type: string;
	/** The stored (decrypted) data; n8n's token refresh writes the new `oauthTokenData` here. */
	data: ICredentialDataDecryptedObject;
	/** Every `oauthTokenData` n8n stored, oldest first (copies). */
	tokenUpdates: IDataObject[];
}

interface Fakes {
	api: { url: string; baseUrl: string };
	oauth: { url: string; authorizeUrl: string; tokenUrl: string };
	admin: { issueTokens(p?: { scope?: string }): { access_token: string; refresh_token?: string } };
	violations: unknown[];
	tokens?: { clientId: string; clientSecret: string };
}

/**
 * A connected `constantContactOAuth2Api` credential pointing at the fakes: a fresh grant from the
 * fake OAuth server (`admin.issueTokens()`), the fake's client ID and secret, its token and
 * authorize URLs and the fake API's base URL. `overrides` replace top-level fields
 * (`oauthTokenData` replaces the token data).
 */
export function credentialsFor(
	fakes: Fakes,
	overrides: IDataObject & { clientId?: string; clientSecret?: string; scope?: string } = {},
): TestCredential {
	const issued = fakes.admin.issueTokens(overrides.scope ? { scope: overrides.scope as string } : undefined);
	const data: ICredentialDataDecryptedObject = {
		grantType: 'authorizationCode',
		authUrl: fakes.oauth.authorizeUrl,
		accessTokenUrl: fakes.oauth.tokenUrl,
		clientId: fakes.tokens?.clientId ?? 'test-client-id',
		clientSecret: fakes.tokens?.clientSecret ?? 'test-client-secret',
		scope: defaultOf('scope'),
		authQueryParameters: '',
		authentication: 'header',
		apiBaseUrl: fakes.api.baseUrl,
		oauthTokenData: {
			access_token: issued.access_token,
			refresh_token: issued.refresh_token,
			token_type: 'Bearer',
			expires_in: 86400,
			scope: overrides.scope ?? defaultOf('scope'),
		},
		...overrides,
	};
	return { id: 'cred-1', name: 'CC test', type: CREDENTIAL_TYPE, data, tokenUpdates: [] };
}

function defaultOf(property: string): string {
	return String(ccCredential.properties.find((p) => p.name === property)?.default ?? '');
}

const credentialTypes: Record<string, ICredentialType> = { [CREDENTIAL_TYPE]: ccCredential };

/**
 * n8n's `ICredentialsHelper` over one in-memory credential. n8n-core 2.41 calls `getParentTypes`,
 * `getDecrypted`, `runPreAuthentication`, `updateCredentialsOauthTokenData`,
 * `isCredentialUsableByNode` and `getCredentialsProperties` on the OAuth2 path; the rest exists
 * for the interface.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly credential: TestCredential) {
		super();
	}

	/** From the credential class's `extends`: constantContactOAuth2Api → ['oAuth2Api'], so
	 * n8n takes its real OAuth2 branch. */
	getParentTypes(name: string): string[] {
		const parents = credentialTypes[name]?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(type: string, nodeType: string): boolean {
		const definition = credentialTypes[type];
		if (!definition?.restrictToSupportedNodes) return true;
		return (definition.supportedNodes ?? []).some((n) => nodeType.endsWith(`.${n}`) || nodeType === n);
	}

	/** Like n8n: the stored data over the credential type's defaults, as a fresh copy per call. */
	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		_mode?: unknown,
		_executeData?: unknown,
		raw?: boolean,
	): Promise<ICredentialDataDecryptedObject> {
		this.check(nodeCredentials, type);
		const stored = deepCopy(this.credential.data);
		if (raw) return stored;
		const defaults: ICredentialDataDecryptedObject = {};
		for (const p of credentialTypes[type]?.properties ?? []) {
			if (p.type !== 'notice') defaults[p.name] = deepCopy(p.default) as ICredentialDataDecryptedObject[string];
		}
		return { ...defaults, ...stored };
	}

	/** What n8n's refresh calls with the renewed token data; n8n stores only `oauthTokenData`. */
	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.check(nodeCredentials, type);
		this.credential.data.oauthTokenData = deepCopy(data.oauthTokenData);
		this.credential.tokenUpdates.push(deepCopy(data.oauthTokenData as IDataObject));
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.check(nodeCredentials, type);
		this.credential.data = deepCopy(data);
	}

	/** Our credential type defines no `preAuthentication` (it is OAuth2): nothing to add. */
	async runPreAuthentication(
		_helpers: IHttpRequestHelper,
		_credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		if (credentialTypes[typeName]?.preAuthentication) {
			throw new Error('The test harness does not implement credential preAuthentication');
		}
		return undefined;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return await this.runPreAuthentication(helpers, credentials, typeName);
	}

	/** Only reached for non-OAuth credentials; ours signs through `requestOAuth2`. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const authenticate = credentialTypes[typeName]?.authenticate;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate) throw new Error('The test harness does not implement generic credential authentication');
		return requestOptions;
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return credentialTypes[type]?.properties ?? [];
	}

	async getCredentials(): Promise<never> {
		throw new Error('The test harness keeps credentials decrypted only (getCredentials is not used by n8n-core 2.41)');
	}

	/** Every node reference of the credential's type resolves to the one test credential. */
	private check(nodeCredentials: INodeCredentialsDetails, type: string): void {
		if (type !== this.credential.type) {
			throw new Error(`The test harness holds a "${this.credential.type}" credential, not "${type}" (${nodeCredentials.name})`);
		}
	}
}

// ---------------------------------------------------------------------------------------------
// DI services and additional data for WorkflowExecute.
// ---------------------------------------------------------------------------------------------

export interface LogEntry {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
	meta?: unknown;
}

/** What n8n logged during the tests of this file (node errors reach it through n8n's ErrorReporter). */
export const engineLog: LogEntry[] = [];

let servicesReady = false;

function registerServices(): void {
	if (servicesReady) return;
	servicesReady = true;
	const log = (level: LogEntry['level']) => (message: string, meta?: unknown) => {
		engineLog.push({ level, message, meta });
	};
	const logger = {
		error: log('error'),
		warn: log('warn'),
		info: log('info'),
		debug: log('debug'),
		scoped() {
			return logger;
		},
	};
	// NodeExecutionContext reads `Container.get(InstanceSettings)` in its constructor; the real
	// class reads/creates ~/.n8n/config with an encryption key. Only the ID and HMAC secret are
	// used by this node's code paths; the folder is never created (no file-system helpers run).
	const n8nFolder = path.join(tmpdir(), 'n8n-engine-harness');
	Container.set(InstanceSettings, {
		n8nFolder,
		staticCacheDir: path.join(n8nFolder, 'cache'),
		instanceId: 'test-instance',
		hmacSignatureSecret: 'test-hmac-secret',
		encryptionKey: 'test-encryption-key',
		instanceType: 'main',
		instanceRole: 'leader',
		isLeader: true,
	} as unknown as InstanceSettings);
	// The real Logger is winston configured from N8N_LOG_* environment variables.
	Container.set(Logger, logger as unknown as Logger);
	// Not registered on purpose, n8n's own DI builds them: OutboundHttp (@n8n/backend-network, the
	// real HTTP client; SSRF protection is off by default), LockService (in-process lock used by
	// the OAuth2 refresh), ExecutionContextService and its dependencies.
}

function notInTests(what: string) {
	return () => {
		throw new Error(`${what} is not available in the engine test harness`);
	};
}

function additionalDataFor(
	credential: TestCredential,
	hooks: ExecutionLifecycleHooks | undefined,
	executionId: string,
	currentNodeParameters?: INodeParameters,
): IWorkflowExecuteAdditionalData {
	const base = 'http://localhost:5678';
	return {
		credentialsHelper: new TestCredentialsHelper(credential),
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		currentNodeParameters,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		variables: {},
		userId: 'test-user',
		externalSecretsProxy: new ExternalSecretsProxy(),
		executeWorkflow: notInTests('Executing a sub-workflow'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => undefined,
		startRunnerTask: notInTests('The task runner (Code node)'),
	} as IWorkflowExecuteAdditionalData;
}

// ---------------------------------------------------------------------------------------------
// Running workflows.
// ---------------------------------------------------------------------------------------------

export interface WorkflowJson {
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
}

export interface WorkflowRun {
	/** The full result n8n's engine produced (what n8n stores as the execution). */
	run: IRun;
	status: ExecutionStatus;
	runData: IRunData;
	/** The error the execution failed with, if it failed. */
	error?: ExecutionError;
	/** Node names in the order they finished. */
	executionOrder: string[];
	/** First-run items of a node's output (default: first output), as the n8n UI shows them. */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
}

export interface RunWorkflowOptions {
	/** Items the Manual Trigger emits (default one empty item). */
	inputItems?: IDataObject[];
	/** Default 'UTC'. A `settings.timezone` in the workflow JSON wins. */
	timezone?: string;
}

/**
 * Runs a workflow JSON (as exported from n8n: Manual Trigger → Constant Contact …) through
 * n8n-core's `WorkflowExecute` in manual mode. Node types as a user's workflow names them:
 * 'n8n-nodes-constant-contact.constantContact' and 'n8n-nodes-base.manualTrigger'. Every
 * `constantContactOAuth2Api` reference resolves to `credential`.
 */
export async function runWorkflow(
	workflowJson: WorkflowJson,
	credential: TestCredential,
	options: RunWorkflowOptions = {},
): Promise<WorkflowRun> {
	registerServices();
	const json = deepCopy(workflowJson);
	const settings: IWorkflowSettings = { executionOrder: 'v1', ...json.settings };
	settings.timezone ??= options.timezone ?? 'UTC';
	const workflow = new Workflow({
		id: 'test-workflow',
		name: json.name ?? 'Engine test',
		nodes: json.nodes,
		connections: json.connections,
		active: false,
		nodeTypes,
		settings,
	});
	const startNode = json.nodes.find((n) => n.type === MANUAL_TRIGGER_TYPE && !n.disabled);
	if (!startNode) throw new Error('The workflow needs an enabled Manual Trigger to start from');

	const executionId = randomUUID();
	const workflowData: IWorkflowBase = {
		id: workflow.id,
		name: workflow.name ?? '',
		active: false,
		isArchived: false,
		nodes: json.nodes,
		connections: json.connections,
		settings,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	} as IWorkflowBase;
	const hooks = new ExecutionLifecycleHooks('manual', executionId, workflowData);
	const executionOrder: string[] = [];
	hooks.addHandler('nodeExecuteAfter', (nodeName) => {
		executionOrder.push(nodeName);
	});

	const items = (options.inputItems ?? [{}]).map((item) => ({ json: deepCopy(item) }));
	const runExecutionData: IRunExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node: workflow.getNode(startNode.name)!, data: { main: [items] }, source: null },
			],
		},
	});

	const additionalData = additionalDataFor(credential, hooks, executionId);
	const run = await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
	const runData = run.data.resultData.runData;
	return {
		run,
		status: run.status,
		runData,
		error: run.data.resultData.error,
		executionOrder,
		output: (nodeName, outputIndex = 0) => runData[nodeName]?.[0]?.data?.main?.[outputIndex] ?? [],
	};
}

export interface RunNodeOptions {
	parameters: INodeParameters;
	credential: TestCredential;
	/** Items entering the Constant Contact node (default `[{}]`). */
	inputItems?: IDataObject[];
	/** Sets the node's Settings → On Error to "Continue" (`onError: 'continueRegularOutput'`). */
	continueOnFail?: boolean;
	nodeName?: string;
	/** Default 'UTC'. */
	timezone?: string;
	/** Run the node as n8n runs it when it is an AI agent's tool (type `…constantContactTool`). */
	asTool?: boolean;
}

export interface EngineRun {
	/** The Constant Contact node's first output (json + pairedItem), as the n8n UI shows it. */
	items: INodeExecutionData[];
	/** The error the node failed with (message, description, context.itemIndex, httpCode…). */
	error?: ExecutionError;
	runData: IRunData;
	status: ExecutionStatus;
	/** The whole result as n8n stores it (the execution). */
	run: IRun;
}

/** The workflow `runNode` runs: Manual Trigger → one Constant Contact node. */
export function singleNodeWorkflow(options: Omit<RunNodeOptions, 'inputItems' | 'timezone'>): WorkflowJson {
	const nodeName = options.nodeName ?? 'Constant Contact';
	const node: INode = {
		id: randomUUID(),
		name: nodeName,
		type: options.asTool ? `${NODE_TYPE}Tool` : NODE_TYPE,
		typeVersion: 1,
		position: [220, 0],
		parameters: deepCopy(options.parameters),
		credentials: { [CREDENTIAL_TYPE]: { id: options.credential.id, name: options.credential.name } },
	};
	if (options.continueOnFail) node.onError = 'continueRegularOutput';
	return {
		nodes: [
			{ id: randomUUID(), name: TRIGGER_NAME, type: MANUAL_TRIGGER_TYPE, typeVersion: 1, position: [0, 0], parameters: {} },
			node,
		],
		connections: { [TRIGGER_NAME]: { main: [[{ node: nodeName, type: NodeConnectionTypes.Main, index: 0 }]] } },
	};
}

/** Runs Manual Trigger → Constant Contact (with `parameters`) and returns that node's result. */
export async function runNode(options: RunNodeOptions): Promise<EngineRun> {
	const nodeName = options.nodeName ?? 'Constant Contact';
	const result = await runWorkflow(singleNodeWorkflow(options), options.credential, {
		inputItems: options.inputItems,
		timezone: options.timezone,
	});
	const task = result.runData[nodeName]?.[0];
	return {
		items: result.output(nodeName),
		error: task?.error ?? result.error,
		runData: result.runData,
		status: result.status,
		run: result.run,
	};
}

/**
 * Runs `methods.loadOptions[method]` of the node with n8n-core's real `LoadOptionsContext`, as
 * n8n does when the editor opens a dropdown: a one-node workflow holding the node's current
 * parameters.
 */
/** A workflow of one node of ours (with the credential), as the editor or an activation holds it. */
function oneNodeWorkflow(options: { name: string; type: string; parameters: INodeParameters; credential: TestCredential; active: boolean }) {
	registerServices();
	const node: INode = {
		id: randomUUID(),
		name: options.name,
		type: options.type,
		typeVersion: 1,
		position: [0, 0],
		parameters: deepCopy(options.parameters),
		credentials: { [CREDENTIAL_TYPE]: { id: options.credential.id, name: options.credential.name } },
	};
	const workflow = new Workflow({
		id: options.active ? 'test-trigger-workflow' : 'test-workflow',
		nodes: [node],
		connections: {},
		active: options.active,
		nodeTypes,
		settings: { timezone: 'UTC' },
		staticData: {},
	});
	return { node, workflow };
}

/** A LoadOptionsContext over a one-node workflow, as the editor uses for dropdowns and pickers. */
function loadOptionsContext(method: string, credential: TestCredential, currentNodeParameters: INodeParameters) {
	const { node, workflow } = oneNodeWorkflow({ name: 'Constant Contact', type: NODE_TYPE, parameters: currentNodeParameters, credential, active: false });
	const additionalData = additionalDataFor(credential, undefined, randomUUID(), node.parameters);
	return new LoadOptionsContext(workflow, workflow.getNode(node.name)!, additionalData, `parameters.${method}`) as ILoadOptionsFunctions;
}

export async function loadOptions(
	method: string,
	credential: TestCredential,
	currentNodeParameters: INodeParameters = {},
): Promise<INodePropertyOptions[]> {
	const fn = ccNode.methods?.loadOptions?.[method];
	if (!fn) throw new Error(`The node has no loadOptions method "${method}"`);
	return await fn.call(loadOptionsContext(method, credential, currentNodeParameters));
}

/** Runs a "From List" picker method (`methods.listSearch`) as the editor does. */
export async function listSearch(
	method: string,
	credential: TestCredential,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const fn = ccNode.methods?.listSearch?.[method];
	if (!fn) throw new Error(`The node has no listSearch method "${method}"`);
	return await fn.call(loadOptionsContext(method, credential, {}), filter, paginationToken);
}

/** After each test: the fake API saw no request that breaks Constant Contact's specification. */
export function expectNoSpecViolations(fakes: { violations: unknown[] }): void {
	expect(fakes.violations).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// The polling trigger.
// ---------------------------------------------------------------------------------------------

export interface Poller {
	/**
	 * One poll as n8n runs it: n8n-core's real `PollContext` and `TriggersAndPollers`, the
	 * workflow's static data kept between polls (as n8n saves it). `manual` is the editor's
	 * "Fetch Test Event". Answers the items the poll emitted ([] for none) or the error it threw.
	 */
	poll(mode?: 'trigger' | 'manual'): Promise<{ items: INodeExecutionData[]; error?: Error }>;
	/** The trigger node's static data (`node:<name>`), as n8n would store it. */
	staticData(): IDataObject;
	/** Change the node's parameters (as the user does between polls). */
	setParameters(parameters: INodeParameters): void;
}

/** A workflow holding the trigger with `parameters`, polled again and again like an active one. */
export function createPoller(parameters: INodeParameters, credential: TestCredential, nodeName = 'Constant Contact Trigger'): Poller {
	const { workflow } = oneNodeWorkflow({ name: nodeName, type: TRIGGER_TYPE, parameters, credential, active: true });
	const triggers = new TriggersAndPollers();
	return {
		async poll(mode = 'trigger') {
			const live = workflow.getNode(nodeName)!;
			const additionalData = additionalDataFor(credential, undefined, randomUUID(), live.parameters);
			const ctx = new PollContext(workflow, live, additionalData, mode, mode === 'manual' ? 'manual' : 'activate');
			try {
				const out = await triggers.runPollFunction(workflow, live, ctx);
				return { items: out?.[0] ?? [] };
			} catch (error) {
				return { items: [], error: error as Error };
			}
		},
		staticData: () => (workflow.staticData[`node:${nodeName}`] as IDataObject | undefined) ?? {},
		setParameters(next) {
			workflow.getNode(nodeName)!.parameters = deepCopy(next);
		},
	};
}
