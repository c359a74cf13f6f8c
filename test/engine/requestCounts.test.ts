/**
 * The "Requests per item" column of docs/operations.md, measured: every row of the operations
 * table has scenarios here that run the operation through n8n's engine against the fake (with the
 * sandbox's demo data) and count the API requests it sent. Each scenario names a phrase of the
 * row's cell and the number that phrase states; the test fails when the cell no longer says it,
 * when the operation sends another number of requests, or when a row has no scenario. So the table
 * stays true: it is the measure users plan their 10,000 requests a day with.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { EngineRun } from './harness';
import { byEmail, byId, useContactFakes } from './contact/helpers';

const cc = useContactFakes({ activityCompletesAfterPolls: 1 });

// ---- the table -------------------------------------------------------------------------------------

const DOC = path.resolve(__dirname, '../../docs/operations.md');

/** Rows of the operations table: "Resource | Operation" → the Requests per item cell. */
function operationsTable(): Map<string, string> {
	const lines = readFileSync(DOC, 'utf8').split('\n');
	const header = lines.findIndex((l) => /^\| Resource \| Operation \|.*\| Requests per item \|$/.test(l));
	if (header < 0) throw new Error(`${DOC}: no table headed "| Resource | Operation | … | Requests per item |"`);
	const rows = new Map<string, string>();
	for (const line of lines.slice(header + 2)) {
		if (!line.startsWith('|')) break;
		const cells = line.split('|').slice(1, -1).map((c) => c.trim());
		rows.set(`${cells[0]} | ${cells[1]}`, cells[cells.length - 1]);
	}
	return rows;
}

// ---- the demo account --------------------------------------------------------------------------------

interface Demo {
	lists: Record<string, string>;
	tags: Record<string, string>;
	fields: Record<string, string>;
	contacts: Record<string, string>;
	segment: string;
	campaign: string;
	activity: string;
}

/** The sandbox's demo data (`npm run dev`), by name. */
function demo(): Demo {
	cc.fakes.admin.seedDemo();
	const s = cc.fakes.admin.state();
	const byName = (records: IDataObject[], key: string, idKey: string) => Object.fromEntries(records.map((r) => [String(r[key]), String(r[idKey])]));
	const store = cc.fakes.store;
	const campaign = [...store.email.campaigns.values()][0] as IDataObject;
	return {
		lists: byName(s.lists, 'name', 'list_id'),
		tags: byName(s.tags, 'name', 'tag_id'),
		fields: byName(s.customFields, 'label', 'custom_field_id'),
		contacts: byName(s.contacts.map((c: IDataObject) => ({ ...c, email: (c.email_address as IDataObject).address })), 'email', 'contact_id'),
		segment: String(s.segments[0].segment_id),
		campaign: String(campaign.campaign_id),
		activity: String(campaign.primaryId),
	};
}

// ---- the scenarios -------------------------------------------------------------------------------------

const op = (resource: string, operation: string, parameters: INodeParameters = {}): INodeParameters => ({ resource, operation, ...parameters });
const HTML = '<html><body>[[trackingImage]]<p>Hello</p></body></html>';
const inFuture = () => new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();

type Call = { method: string; path: string };
/** Requests that are not a job's status checks (`GET /activities/{id}`). */
const withoutStatusChecks = (calls: Call[]) => calls.filter((c) => !(c.method === 'GET' && /^\/v3\/activities\/[^/]+$/.test(c.path)));

interface Scenario {
	/** `Resource | Operation` as the table's first two cells say it. */
	row: string;
	/** What is run, in a few words. */
	what: string;
	/** A phrase of the row's Requests cell, and the number of requests it states for this run. */
	claim: string;
	expected: number;
	run(d: Demo): Promise<EngineRun>;
	/** Which of the run's requests the claim counts (default: all). */
	count?(calls: Call[]): number;
}

const run = (parameters: INodeParameters, inputItems?: IDataObject[]) => cc.run(parameters, inputItems ? { inputItems } : {});
const three = [{ email: 'one@example.com' }, { email: 'two@example.com' }, { email: 'three@example.com' }];

const scenarios: Scenario[] = [
	// Contact
	{ row: 'Contact | Create', what: 'one contact', claim: '1', expected: 1, run: () => run(op('contact', 'create', { email: 'new@example.com', createSource: 'Account' })) },
	{
		row: 'Contact | Create', what: 'three contacts with a custom field', claim: '+1 per run with custom fields', expected: 3 + 1,
		run: (d) => run(op('contact', 'create', { email: '={{ $json.email }}', createSource: 'Account', additionalFields: { customFields: { field: [{ id: d.fields['Favorite Color'], value: 'red' }] } } }), three),
	},
	{ row: 'Contact | Create or Update', what: 'one contact', claim: '1', expected: 1, run: (d) => run(op('contact', 'upsert', { email: 'new@example.com', lists: [d.lists.Newsletter] })) },
	{
		row: 'Contact | Create or Update', what: 'Return Full Contact on', claim: '2 with *Return Full Contact* on', expected: 2,
		run: (d) => run(op('contact', 'upsert', { email: 'new@example.com', lists: [d.lists.Newsletter], options: { returnFullContact: true } })),
	},
	{
		row: 'Contact | Create or Update', what: 'three contacts with a custom field', claim: '+1 per run with custom fields', expected: 3 + 1,
		run: (d) => run(op('contact', 'upsert', { email: '={{ $json.email }}', lists: [d.lists.Newsletter], additionalFields: { customFields: { field: [{ id: d.fields['Favorite Color'], value: 'red' }] } } }), three),
	},
	{ row: 'Contact | Get', what: 'by ID', claim: '1', expected: 1, run: (d) => run(op('contact', 'get', { contact: byId(d.contacts['ada@example.com']), options: {} })) },
	{ row: 'Contact | Get', what: 'by e-mail', claim: '1', expected: 1, run: () => run(op('contact', 'get', { contact: byEmail('ada@example.com'), options: {} })) },
	{
		row: 'Contact | Get Many', what: 'all of 605 contacts', claim: '1 per 500 contacts', expected: 2,
		run: () => {
			cc.fakes.admin.bulkContacts(600, { prefix: 'many' });
			return run(op('contact', 'getAll', { returnAll: true, filters: {}, options: {} }));
		},
	},
	{ row: 'Contact | Update', what: 'a first name', claim: '2', expected: 2, run: (d) => run(op('contact', 'update', { contact: byId(d.contacts['ada@example.com']), updateFields: { firstName: 'Augusta' } })) },
	{
		row: 'Contact | Update', what: 'a custom field', claim: '+1 per run with custom fields', expected: 2 + 1,
		run: (d) => run(op('contact', 'update', { contact: byId(d.contacts['ada@example.com']), updateFields: { customFields: { field: [{ id: d.fields['Favorite Color'], value: 'blue' }] } } })),
	},
	{
		row: 'Contact | Import', what: 'three contacts', claim: 'about 1 per 10,000 items + status checks', expected: 1, count: (calls) => withoutStatusChecks(calls).length,
		run: (d) => run(op('contact', 'import', { email: '={{ $json.email }}', lists: [d.lists.Newsletter], additionalFields: {} }), three),
	},
	{
		row: 'Contact | Add to Lists / Remove From Lists', what: 'Add to Lists', claim: '1 + status checks', expected: 1, count: (calls) => withoutStatusChecks(calls).length,
		run: (d) => run(op('contact', 'addToLists', { contact: byId(d.contacts['grace@example.com']), lists: [d.lists.Events] })),
	},
	{
		row: 'Contact | Add to Lists / Remove From Lists', what: 'Remove From Lists, three items batched', claim: 'batched: 1 per 500 items', expected: 1, count: (calls) => withoutStatusChecks(calls).length,
		run: (d) =>
			run(op('contact', 'removeFromLists', { contact: byId('={{ $json.id }}'), lists: [d.lists.Newsletter], options: { batch: true } }), [
				{ id: d.contacts['ada@example.com'] },
				{ id: d.contacts['grace@example.com'] },
				{ id: d.contacts['alan@example.com'] },
			]),
	},
	{
		row: 'Contact | Add Tags / Remove Tags', what: 'Add Tags', claim: 'same', expected: 1, count: (calls) => withoutStatusChecks(calls).length,
		run: (d) => run(op('contact', 'addTags', { contact: byId(d.contacts['grace@example.com']), tags: [d.tags.VIP] })),
	},
	{ row: 'Contact | Delete', what: 'by ID', claim: '1', expected: 1, run: (d) => run(op('contact', 'delete', { contact: byId(d.contacts['edsger@example.com']) })) },
	{ row: 'Contact | Delete', what: 'by e-mail', claim: '2 by e-mail', expected: 2, run: () => run(op('contact', 'delete', { contact: byEmail('edsger@example.com') })) },
	{ row: 'Contact | Get Activity', what: 'by ID', claim: '1 per 100 rows', expected: 1, run: (d) => run(op('contact', 'getActivity', { contact: byId(d.contacts['ada@example.com']), returnAll: true })) },
	{ row: 'Contact | Get Activity', what: 'by e-mail', claim: '+1 by e-mail', expected: 2, run: () => run(op('contact', 'getActivity', { contact: byEmail('ada@example.com'), returnAll: true })) },
	{ row: 'Contact | Unsubscribe', what: 'by ID', claim: '2', expected: 2, run: (d) => run(op('contact', 'unsubscribe', { contact: byId(d.contacts['grace@example.com']) })) },

	// List
	{ row: 'List | Create, Get, Get Many, Update, Delete', what: 'Create', claim: '1', expected: 1, run: () => run(op('list', 'create', { name: 'Spring' })) },
	{ row: 'List | Create, Get, Get Many, Update, Delete', what: 'Get', claim: '1', expected: 1, run: (d) => run(op('list', 'get', { list: byId(d.lists.Events) })) },
	{ row: 'List | Create, Get, Get Many, Update, Delete', what: 'Get Many', claim: '1', expected: 1, run: () => run(op('list', 'getAll', { returnAll: true })) },
	{ row: 'List | Create, Get, Get Many, Update, Delete', what: 'Update', claim: 'Update 2', expected: 2, run: (d) => run(op('list', 'update', { list: byId(d.lists.Events), updateFields: { name: 'Meetups' } })) },
	{
		row: 'List | Create, Get, Get Many, Update, Delete', what: 'Delete', claim: 'Delete 1 + status checks', expected: 1, count: (calls) => withoutStatusChecks(calls).length,
		run: (d) => run(op('list', 'delete', { list: byId(d.lists.Events) })),
	},
	{ row: 'List | Get Contacts', what: 'a list of 2', claim: '1 per 500 contacts', expected: 1, run: (d) => run(op('list', 'getContacts', { list: byId(d.lists.Customers), returnAll: true })) },
	{
		row: 'List | Add Contacts / Remove Contacts', what: 'Add Contacts', claim: '1 + status checks', expected: 1, count: (calls) => withoutStatusChecks(calls).length,
		run: (d) => run(op('list', 'addContacts', { list: byId(d.lists.Events), contactIds: d.contacts['ada@example.com'] })),
	},

	// Tag
	{ row: 'Tag | Create, Get, Get Many, Update, Delete', what: 'Create', claim: '1', expected: 1, run: () => run(op('tag', 'create', { name: 'Spring' })) },
	{ row: 'Tag | Create, Get, Get Many, Update, Delete', what: 'Get', claim: '1', expected: 1, run: (d) => run(op('tag', 'get', { tag: byId(d.tags.VIP) })) },
	{ row: 'Tag | Create, Get, Get Many, Update, Delete', what: 'Get Many', claim: '1', expected: 1, run: () => run(op('tag', 'getAll', { returnAll: true })) },
	{ row: 'Tag | Create, Get, Get Many, Update, Delete', what: 'Update', claim: '1', expected: 1, run: (d) => run(op('tag', 'update', { tag: byId(d.tags.VIP), name: 'Very Important' })) },
	{
		row: 'Tag | Create, Get, Get Many, Update, Delete', what: 'Delete', claim: 'Delete 1 + status checks', expected: 1, count: (calls) => withoutStatusChecks(calls).length,
		run: (d) => run(op('tag', 'delete', { tag: byId(d.tags.Lead) })),
	},

	// Custom Field
	{ row: 'Custom Field | Create, Get, Get Many, Update, Delete', what: 'Create', claim: '1', expected: 1, run: () => run(op('customField', 'create', { label: 'Shoe Size', type: 'string' })) },
	{ row: 'Custom Field | Create, Get, Get Many, Update, Delete', what: 'Get', claim: '1', expected: 1, run: (d) => run(op('customField', 'get', { customField: byId(d.fields['Favorite Color']) })) },
	{ row: 'Custom Field | Create, Get, Get Many, Update, Delete', what: 'Get Many', claim: '1', expected: 1, run: () => run(op('customField', 'getAll', { returnAll: true })) },
	{ row: 'Custom Field | Create, Get, Get Many, Update, Delete', what: 'Update', claim: 'Update 2', expected: 2, run: (d) => run(op('customField', 'update', { customField: byId(d.fields['Favorite Color']), updateFields: { label: 'Favourite Colour' } })) },
	{ row: 'Custom Field | Create, Get, Get Many, Update, Delete', what: 'Delete', claim: '1', expected: 1, run: (d) => run(op('customField', 'delete', { customField: byId(d.fields['Member Since']) })) },

	// Segment
	{
		row: 'Segment | Create, Get, Get Many, Update, Delete', what: 'Create', claim: '1', expected: 1,
		run: () => run(op('segment', 'create', { name: 'Did not open', segmentCriteria: '{"version":"1.0.0","criteria":{"type":"and","group":[{"source":"tracking","field":"not_opened","op":"contains-any","const_value":"last-n-campaigns","param":"5"}]}}' })),
	},
	{ row: 'Segment | Create, Get, Get Many, Update, Delete', what: 'Get', claim: '1', expected: 1, run: (d) => run(op('segment', 'get', { segment: byId(d.segment) })) },
	{ row: 'Segment | Create, Get, Get Many, Update, Delete', what: 'Get Many', claim: '1', expected: 1, run: () => run(op('segment', 'getAll', { returnAll: true })) },
	{ row: 'Segment | Create, Get, Get Many, Update, Delete', what: 'Update, the name alone', claim: 'Update 1–2', expected: 1, run: (d) => run(op('segment', 'update', { segment: byId(d.segment), updateFields: { name: 'Readers' } })) },
	{ row: 'Segment | Create, Get, Get Many, Update, Delete', what: 'Delete', claim: '1', expected: 1, run: (d) => run(op('segment', 'delete', { segment: byId(d.segment) })) },

	// Activity
	{
		row: 'Activity (Bulk Job) | Get, Get Many', what: 'Get Many', claim: '1', expected: 1,
		run: () => run(op('activity', 'getAll', { returnAll: true, filters: {} })),
	},

	// Campaign
	{
		row: 'Campaign | Create', what: 'one campaign', claim: '+1 per run to read sender addresses', expected: 1 + 1,
		run: () => run(op('campaign', 'create', { name: 'March news', subject: 'Our March news', fromName: 'Example Org', fromEmail: 'owner@example.com', replyToEmail: 'owner@example.com', htmlContent: HTML })),
	},
	{ row: 'Campaign | Get, Get Many', what: 'Get', claim: '1', expected: 1, run: (d) => run(op('campaign', 'get', { campaign: byId(d.campaign) })) },
	{ row: 'Campaign | Get, Get Many', what: 'Get Many', claim: '1 per 500', expected: 1, run: () => run(op('campaign', 'getAll', { returnAll: true, filters: {} })) },
	{ row: 'Campaign | Set Recipients', what: 'two lists', claim: '3', expected: 3, run: (d) => run(op('campaign', 'setRecipients', { campaign: byId(d.campaign), sendTo: 'lists', lists: [d.lists.Newsletter, d.lists.Events] })) },
	{ row: 'Campaign | Schedule, Unschedule, Get Schedule', what: 'Get Schedule', claim: '2', expected: 2, run: (d) => run(op('campaign', 'getSchedule', { campaign: byId(d.campaign) })) },
	{
		row: 'Campaign | Schedule, Unschedule, Get Schedule', what: 'Schedule a copy next week', claim: '2', expected: 2,
		run: async (d) => {
			// A draft to schedule: a copy of the demo campaign (its requests are not counted).
			const copy = await run(op('campaign', 'create', { name: 'Next week', subject: 'Soon', fromName: 'Example Org', fromEmail: 'owner@example.com', replyToEmail: 'owner@example.com', htmlContent: HTML }));
			await run(op('campaign', 'setRecipients', { campaign: byId(String(copy.items[0].json.campaign_id)), sendTo: 'lists', lists: [d.lists.Newsletter] }));
			cc.fakes.log.length = 0;
			return await run(op('campaign', 'schedule', { campaign: byId(String(copy.items[0].json.campaign_id)), when: 'date', scheduledDate: inFuture() }));
		},
	},
	{ row: 'Campaign | Send Test, Get Send History', what: 'Get Send History', claim: '2', expected: 2, run: (d) => run(op('campaign', 'getSendHistory', { campaign: byId(d.campaign) })) },
	{ row: 'Campaign | Send Test, Get Send History', what: 'Send Test', claim: '2', expected: 2, run: (d) => run(op('campaign', 'sendTest', { campaign: byId(d.campaign), emailAddresses: 'me@example.com' })) },
	{
		row: 'Campaign | Send Now', what: 'a copy of the campaign, to a list', claim: 'lists/segment: a copy 6', expected: 6,
		run: (d) => run(op('campaign', 'sendNow', { content: 'campaign', campaign: byId(d.campaign), sendTo: 'lists', lists: [d.lists.Newsletter] })),
	},
	{
		row: 'Campaign | Send Now', what: 'from subject and HTML, to a list', claim: 'from subject and HTML 4 (+1 per run to read sender addresses)', expected: 4 + 1,
		run: (d) =>
			run(op('campaign', 'sendNow', { content: 'html', name: 'Shipping notice', subject: 'Shipped!', fromName: 'Example Shop', fromEmail: 'owner@example.com', replyToEmail: 'owner@example.com', htmlContent: HTML, sendTo: 'lists', lists: [d.lists.Newsletter] })),
	},
	{
		row: 'Campaign | Send Now', what: 'a copy, to the contacts of three input items', claim: 'input items: about 19 per run', expected: 19,
		run: (d) => run(op('campaign', 'sendNow', { content: 'campaign', campaign: byId(d.campaign), sendTo: 'items', email: '={{ $json.email }}' }), three),
	},
	{ row: 'Campaign | Get Report', what: 'stats of one campaign', claim: '1', expected: 1, run: (d) => run(op('campaign', 'getReport', { report: 'campaignStats', campaignIds: d.campaign })) },
	{
		row: 'Campaign | Get Report', what: 'tracking: its opens', claim: 'tracking: 2', expected: 2,
		run: (d) => run(op('campaign', 'getReport', { report: 'tracking', campaign: byId(d.campaign), trackingType: 'opens', returnAll: true })),
	},
	{ row: 'Campaign | Update, Delete', what: 'rename', claim: '2–3', expected: 2, run: (d) => run(op('campaign', 'update', { campaign: byId(d.campaign), updateFields: { name: 'Spring news' } })) },

	// Account
	{
		row: 'Account | Get Summary, Get Sender Addresses, Get Physical Address, Get User Privileges', what: 'Get Sender Addresses', claim: '1', expected: 1,
		run: () => run(op('account', 'getSenderAddresses', {})),
	},

	// Migration From V2
	{
		row: 'Migration From V2 | Map Contact IDs, Map List IDs, Map Campaign IDs', what: 'three contact IDs in three items', claim: '1 per 500 (50) IDs', expected: 1,
		run: () => run({ resource: 'migration', operation: 'contactIds', v2Ids: '={{ $json.ids }}' }, [{ ids: '1001' }, { ids: '1002' }, { ids: '1003' }]),
	},
];

// ---- the test ------------------------------------------------------------------------------------------

const table = operationsTable();

test('every row of the operations table has at least one measured scenario here', () => {
	const measured = new Set(scenarios.map((s) => s.row));
	expect([...table.keys()].filter((row) => !measured.has(row))).toEqual([]);
});

describe.each(scenarios)('$row: $what', (s) => {
	test(`the cell says "${s.claim}" and the run sends ${s.expected}`, async () => {
		expect(table.has(s.row)).toBe(true);
		expect(table.get(s.row)).toContain(s.claim);
		const d = demo();
		cc.fakes.log.length = 0;
		const result = await s.run(d);
		expect(result.error).toBeUndefined();
		const calls = cc.api().map((e) => ({ method: String(e.method), path: String(e.path) }));
		expect({ requests: (s.count ?? ((c: Call[]) => c.length))(calls), calls }).toEqual({ requests: s.expected, calls });
	});
});
