// Every operation of the resources other than Contact (List, Tag, Custom Field, Segment, Activity),
// plus Contact → Import and Add to Lists with Batch Items, each through its own webhook workflow in
// the real n8n. Checks what the webhook returns, the fake's requests (/__admin/log) and its data
// afterwards (/__admin/state). Called by scenario.mjs after the contact operations.
import { apiRequests, operationCalls } from './fakes.mjs';
import { BULK_OPERATIONS, RESOURCE_OPERATIONS, resourceWorkflow, splitWorkflow } from './workflows.mjs';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const sorted = (a) => [...(a ?? [])].sort();
/** "POST /v3/contact_lists 201" lines of a log slice (API server only). */
const calls = operationCalls;

/**
 * @param {{ client, fakes, credential, checks, T, say, addTagsPath: string }} ctx
 *   addTagsPath: the contact Add Tags workflow of the contact steps (reused to tag a contact).
 */
export async function runResourceOperations({ client, fakes, credential, checks, T, say, addTagsPath }) {
	const paths = {};
	await T('create + activate the list/tag/custom field/segment/activity/bulk workflows', async () => {
		for (const key of Object.keys(RESOURCE_OPERATIONS)) {
			const { path, workflow } = resourceWorkflow(key, credential);
			await client.deployWorkflow(workflow);
			paths[key] = path;
		}
		for (const [key, parameters] of Object.entries(BULK_OPERATIONS)) {
			const { path, workflow } = splitWorkflow(key, parameters, credential);
			await client.deployWorkflow(workflow);
			paths[key] = path;
		}
	});

	const logMark = async () => (await fakes.log()).length;
	const logSince = async (mark) => (await fakes.log()).slice(mark);
	/** Calls a workflow's webhook; the items it answers with ([] and a failed check if it did not answer 200). */
	const items = async (name, key, body) => {
		const res = await client.webhook(key in paths ? paths[key] : key, body);
		const ok = checks.ok(`${name}: webhook answers 200 with items`, res.status === 200 && Array.isArray(res.body), { status: res.status, body: res.text.slice(0, 800) });
		return ok ? res.body : [];
	};
	/** Calls a webhook and records the API requests it caused. */
	const traced = async (name, key, body) => {
		const mark = await logMark();
		const out = await items(name, key, body);
		return { out, requests: calls(await logSince(mark)) };
	};
	const state = () => fakes.state();

	// Contacts of their own, so the contact steps' data stays as they left it.
	const seeded = await fakes.seed({
		lists: [{ name: 'Imported' }, { name: 'Batch target' }],
		contacts: ['res-a', 'res-b', 'res-c'].map((n) => ({ email: `${n}@example.com`, first_name: n, permission_to_send: 'implicit' })),
	});
	const [importList, batchList] = seeded.lists.map((l) => l.list_id);
	const [a, b, c] = seeded.contacts.map((x) => x.contact_id);
	const ids = { a, b, c };

	// ---- Tag (create, get, get many, update; delete comes last) -----------------------------------
	let tagId;
	await T('tag: create, get, get many, update', async () => {
		const [tag] = await items('tag create', 'tagCreate', { name: 'Webinar' });
		tagId = tag?.tag_id;
		checks.ok('tag create: returns the new tag with its source', UUID.test(tagId ?? '') && tag?.name === 'Webinar' && tag?.tag_source === 'n8n e2e', tag);
		const [tagged] = await items('contact addTags (to count the tag)', addTagsPath, { id: a, tags: [tagId] });
		checks.eq('contact addTags with the new tag: job completed', tagged?.state, 'completed');
		const [got] = await items('tag get', 'tagGet', { id: tagId });
		checks.eq('tag get: name and tagged-contact count', { id: got?.tag_id, name: got?.name, count: got?.contacts_count }, { id: tagId, name: 'Webinar', count: 1 });
		const all = await items('tag getAll', 'tagGetAll', {});
		const live = (await state()).tags;
		checks.eq('tag getAll (Return All, with counts): every tag of the account', sorted(all.map((t) => t.tag_id)), sorted(live.map((t) => t.tag_id)));
		checks.eq('tag getAll: the new tag with its count', all.filter((t) => t.tag_id === tagId).map((t) => t.contacts_count), [1]);
		const { out: [renamed], requests } = await traced('tag update', 'tagUpdate', { id: tagId, name: 'Webinar attendee' });
		checks.eq('tag update: renamed with one PUT', { name: renamed?.name, requests }, { name: 'Webinar attendee', requests: [`PUT /v3/contact_tags/${tagId} 200`] });
		checks.eq('fake state: the tag renamed', (await state()).tags.find((t) => t.tag_id === tagId)?.name, 'Webinar attendee');
	});

	// ---- List (create, add contacts, get, get many, get contacts, remove contacts, update) ---------
	let listId;
	let addActivityId;
	await T('list: create, add contacts, get, get many, get contacts, remove contacts, update', async () => {
		const [list] = await items('list create', 'listCreate', { name: 'Webinar 2026', description: 'Sign-ups' });
		listId = list?.list_id;
		checks.ok('list create: returns the new list with description and favorite', UUID.test(listId ?? '') && list?.name === 'Webinar 2026' && list?.description === 'Sign-ups' && list?.favorite === true, list);

		const { out: [added], requests: addRequests } = await traced('list addContacts', 'listAddContacts', { id: listId, contactIds: [a, b, c] });
		addActivityId = added?.activity_id;
		checks.eq('list addContacts: one job for the three contacts, completed', { list: added?.list_id, contacts: added?.contact_ids, state: added?.state }, { list: listId, contacts: [a, b, c], state: 'completed' });
		checks.eq('list addContacts: one POST add_list_memberships, then status checks', addRequests.filter((r) => r.startsWith('POST')), ['POST /v3/activities/add_list_memberships 201']);
		const members = (s) => s.contacts.filter((x) => x.list_memberships?.includes(listId)).map((x) => x.contact_id);
		checks.eq('fake state: a, b, c on the list', sorted(members(await state())), sorted([a, b, c]));

		const [got] = await items('list get', 'listGet', { id: listId });
		checks.eq('list get: name and membership count', { id: got?.list_id, name: got?.name, count: got?.membership_count }, { id: listId, name: 'Webinar 2026', count: 3 });
		const all = await items('list getAll', 'listGetAll', {});
		const liveLists = (await state()).lists.filter((l) => !l.deleted_at);
		checks.eq('list getAll (Return All): every live list of the account', sorted(all.map((l) => l.list_id)), sorted(liveLists.map((l) => l.list_id)));
		checks.eq('list getAll: the new list with its membership count', all.filter((l) => l.list_id === listId).map((l) => l.membership_count), [3]);

		const onList = await items('list getContacts', 'listGetContacts', { id: listId });
		checks.eq('list getContacts: the three members, simplified', sorted(onList.map((x) => x.email)), ['res-a@example.com', 'res-b@example.com', 'res-c@example.com']);

		const [removed] = await items('list removeContacts', 'listRemoveContacts', { id: listId, contactIds: [c] });
		checks.eq('list removeContacts: job completed', { list: removed?.list_id, contacts: removed?.contact_ids, state: removed?.state }, { list: listId, contacts: [c], state: 'completed' });
		checks.eq('fake state: a and b still on the list, c off it', sorted(members(await state())), sorted([a, b]));

		const { out: [updated], requests } = await traced('list update', 'listUpdate', { id: listId, name: 'Webinar 2027' });
		checks.eq('list update: renamed; description and favorite kept (GET, then PUT)',
			{ name: updated?.name, description: updated?.description, favorite: updated?.favorite, requests },
			{ name: 'Webinar 2027', description: 'Sign-ups', favorite: true, requests: [`GET /v3/contact_lists/${listId} 200`, `PUT /v3/contact_lists/${listId} 200`] });
	});

	// ---- Segment (create with criteria JSON, get, get many, rename, new criteria, delete) ---------
	await T('segment: create with criteria, get, get many, rename, new criteria, delete', async () => {
		const [segment] = await items('segment create', 'segmentCreate', { name: 'On the webinar list', listId });
		const segmentId = segment?.segment_id;
		checks.ok('segment create: returns a numeric ID and the criteria as a string', Number.isInteger(segmentId) && typeof segment?.segment_criteria === 'string' && segment.segment_criteria.includes(listId), segment);
		let stored = (await state()).segments.find((s) => s.segment_id === segmentId);
		checks.eq('fake state: the segment has the criteria typed in the workflow (list from the webhook) and its members a and b',
			{ criteria: stored && JSON.parse(stored.segment_criteria), members: sorted(stored?.contact_ids) },
			{ criteria: { version: '1.0.0', criteria: { type: 'and', group: [{ source: 'list_membership', field: 'list_membership', op: 'contains-any', const_value: listId }] } }, members: sorted([a, b]) });

		const [got] = await items('segment get', 'segmentGet', { id: segmentId });
		checks.eq('segment get: name and criteria', { id: got?.segment_id, name: got?.name, criteria: got?.segment_criteria }, { id: segmentId, name: 'On the webinar list', criteria: stored?.segment_criteria });
		const all = await items('segment getAll', 'segmentGetAll', {});
		const live = (await state()).segments.filter((s) => !s.deleted_at);
		checks.eq('segment getAll (Return All, by name): every live segment', all.map((s) => s.segment_id), [...live].sort((x, y) => x.name.toLowerCase().localeCompare(y.name.toLowerCase())).map((s) => s.segment_id));

		const { out: [renamed], requests: renameRequests } = await traced('segment rename', 'segmentRename', { id: segmentId, name: 'Webinar people' });
		checks.eq('segment update (name only): one PATCH …/name', { name: renamed?.name, requests: renameRequests }, { name: 'Webinar people', requests: [`PATCH /v3/segments/${segmentId}/name 200`] });

		const criteria = { version: '1.0.0', criteria: { type: 'and', group: [{ source: 'tags', field: 'tags', op: 'contains-any', const_value: tagId }] } };
		const { out: [changed], requests: putRequests } = await traced('segment new criteria', 'segmentUpdateCriteria', { id: segmentId, criteria });
		checks.eq('segment update (criteria only, an object from an expression): GET for the name, then PUT', { name: changed?.name, requests: putRequests },
			{ name: 'Webinar people', requests: [`GET /v3/segments/${segmentId} 200`, `PUT /v3/segments/${segmentId} 200`] });
		stored = (await state()).segments.find((s) => s.segment_id === segmentId);
		checks.eq('fake state: new criteria stored as JSON text; members now the tagged contact a',
			{ criteria: stored && JSON.parse(stored.segment_criteria), members: stored?.contact_ids }, { criteria, members: [a] });

		checks.eq('segment delete: returns deleted', await items('segment delete', 'segmentDelete', { id: segmentId }), [{ deleted: true, segment_id: segmentId }]);
		checks.ok('fake state: the segment is deleted', Boolean((await state()).segments.find((s) => s.segment_id === segmentId)?.deleted_at));
	});

	// ---- deletes of the list and the tag (background jobs, waited for) -----------------------------
	await T('list delete and tag delete (wait for completion)', async () => {
		const { out: [deleted], requests } = await traced('list delete', 'listDelete', { id: listId });
		checks.eq('list delete: job completed', { deleted: deleted?.deleted, id: deleted?.list_id, state: deleted?.state }, { deleted: true, id: listId, state: 'completed' });
		checks.eq('list delete: DELETE, then status checks until completed', [requests[0], requests.at(-1)?.replace(/activities\/\S+/, 'activities/<id>')],
			[`DELETE /v3/contact_lists/${listId} 202`, 'GET /v3/activities/<id> 200']);
		let s = await state();
		checks.ok('fake state: the list is deleted and nobody is on it', Boolean(s.lists.find((l) => l.list_id === listId)?.deleted_at) && !s.contacts.some((x) => x.list_memberships?.includes(listId)));

		const [untagged] = await items('tag delete', 'tagDelete', { id: tagId });
		checks.eq('tag delete: job completed', { deleted: untagged?.deleted, id: untagged?.tag_id, state: untagged?.state }, { deleted: true, id: tagId, state: 'completed' });
		s = await state();
		checks.ok('fake state: the tag is gone and contact a is no longer tagged with it', !s.tags.some((t) => t.tag_id === tagId) && !s.contacts.find((x) => x.contact_id === a)?.taggings?.includes(tagId),
			{ tags: s.tags.map((t) => t.name), a: s.contacts.find((x) => x.contact_id === a)?.taggings });
	});

	// ---- Custom Field ----------------------------------------------------------------------------
	await T('custom field: create, get, get many, update, delete', async () => {
		const [field] = await items('custom field create', 'customFieldCreate', { label: 'Favorite Fruit' });
		const fieldId = field?.custom_field_id;
		const choices = (f) => (f?.choices ?? []).map((ch) => [ch.choice_id, ch.choice_label, ch.display_order]);
		checks.ok('custom field create: a single select with the two choices', UUID.test(fieldId ?? '') && field?.label === 'Favorite Fruit' && field?.type === 'single_select', field);
		checks.eq('custom field create: choices in order', choices(field).map(([, label, order]) => [label, order]), [['Apple', 1], ['Pear', 2]]);
		const [got] = await items('custom field get', 'customFieldGet', { id: fieldId });
		checks.eq('custom field get: label, name and choices', { id: got?.custom_field_id, label: got?.label, name: got?.name, choices: choices(got) }, { id: fieldId, label: 'Favorite Fruit', name: 'Favorite_Fruit', choices: choices(field) });
		const all = await items('custom field getAll', 'customFieldGetAll', {});
		checks.eq('custom field getAll (Return All): every custom field of the account', sorted(all.map((f) => f.custom_field_id)), sorted((await state()).customFields.map((f) => f.custom_field_id)));
		const { out: [updated], requests } = await traced('custom field update', 'customFieldUpdate', { id: fieldId, label: 'Fruit' });
		checks.eq('custom field update: new label, Plum added after the kept choices (same choice IDs); GET, then PUT',
			{ label: updated?.label, choices: choices(updated), requests },
			{ label: 'Fruit', choices: [...choices(field), [choices(updated)[2]?.[0], 'Plum', 3]], requests: [`GET /v3/contact_custom_fields/${fieldId} 200`, `PUT /v3/contact_custom_fields/${fieldId} 200`] });
		checks.ok('custom field update: the kept choices keep their IDs, Plum got a new one', choices(updated).length === 3 && choices(updated)[2][0] !== undefined && !choices(field).some(([id]) => id === choices(updated)[2][0]), choices(updated));
		checks.eq('fake state: label and choices updated', (await state()).customFields.filter((f) => f.custom_field_id === fieldId).map((f) => [f.label, f.choices.map((ch) => ch.choice_label)]), [['Fruit', ['Apple', 'Pear', 'Plum']]]);
		checks.eq('custom field delete: returns deleted', await items('custom field delete', 'customFieldDelete', { id: fieldId }), [{ deleted: true, custom_field_id: fieldId }]);
		checks.ok('fake state: the custom field is gone', !(await state()).customFields.some((f) => f.custom_field_id === fieldId));
	});

	// ---- Activity --------------------------------------------------------------------------------
	await T('activity: get, get many', async () => {
		const [activity] = await items('activity get', 'activityGet', { id: addActivityId });
		checks.eq('activity get: the add-contacts job of the list, completed, 3 contacts', { id: activity?.activity_id, state: activity?.state, total: activity?.status?.items_total_count, errors: activity?.activity_errors },
			{ id: addActivityId, state: 'completed', total: 3, errors: [] });
		const all = await items('activity getAll', 'activityGetAll', {});
		const completed = (await state()).activities.filter((x) => x.state === 'completed').map((x) => x.activity_id);
		checks.ok('activity getAll (state completed, Return All): every completed job, the add-contacts job among them',
			all.length === completed.length && all.every((x) => x.state === 'completed') && all.some((x) => x.activity_id === addActivityId),
			{ returned: all.length, completedInFake: completed.length, states: [...new Set(all.map((x) => x.state))] });
	});

	// ---- Contact → Import: several items, one request; a bad row is rejected ------------------------
	await T('contact import: 5 items in one execution (one bad row)', async () => {
		const rows = [
			{ email: 'imp1@example.com', firstName: 'Imp One', lists: [importList] },
			{ email: 'imp2@example.com', firstName: 'Imp Two', lists: [importList] },
			{ email: 'not-an-e-mail', firstName: 'Broken', lists: [importList] },
			{ email: 'imp3@example.com', firstName: 'Imp Three', lists: [importList] },
			{ email: 'res-b@example.com', firstName: 'Bea', lists: [importList] },
		];
		const mark = await logMark();
		const out = await items('import', 'import', { contacts: rows });
		const slice = apiRequests(await logSince(mark));
		const posts = slice.filter((e) => e.method === 'POST');
		say(`import: ${out.map((o) => `${o.email} ${o.status}`).join(', ')}; requests ${calls(slice).join(', ')}`);
		checks.eq('import: one result per item, in order: 4 imported, the bad row rejected',
			out.map((o) => [o.email, o.status]),
			[['imp1@example.com', 'imported'], ['imp2@example.com', 'imported'], ['not-an-e-mail', 'rejected'], ['imp3@example.com', 'imported'], ['res-b@example.com', 'imported']]);
		checks.ok('import: the rejected row says why', /e-?mail/i.test(out[2]?.error ?? ''), out[2]);
		checks.ok('import: the imported rows share one activity with 4 rows in the request', new Set(out.filter((o) => o.status === 'imported').map((o) => o.activity_id)).size === 1 && out.filter((o) => o.status === 'imported').every((o) => o.rows_in_request === 4 && o.state === 'completed'), out);
		checks.eq('import: exactly one import request, with the 4 good rows and the list', posts.map((e) => ({ path: e.path, status: e.status, rows: e.body?.import_data?.map((r) => r.email), lists: e.body?.list_ids })),
			[{ path: '/v3/activities/contacts_json_import', status: 201, rows: ['imp1@example.com', 'imp2@example.com', 'imp3@example.com', 'res-b@example.com'], lists: [importList] }]);
		const s = await state();
		const onList = s.contacts.filter((x) => x.list_memberships?.includes(importList));
		checks.eq('fake state: the 4 contacts on the import list, names from the rows', sorted(onList.map((x) => `${x.email_address.address} ${x.first_name}`)),
			sorted(['imp1@example.com Imp One', 'imp2@example.com Imp Two', 'imp3@example.com Imp Three', 'res-b@example.com Bea']));
		checks.ok('fake state: nothing made of the bad row', !s.contacts.some((x) => /not-an-e-mail/.test(x.email_address?.address ?? '')));
		checks.eq('fake state: the existing contact res-b kept its implicit permission', s.contacts.find((x) => x.contact_id === b)?.email_address?.permission_to_send, 'implicit');
	});

	// ---- Add to Lists with Batch Items: several items, one bulk job ---------------------------------
	await T('contact add to lists with Batch Items: 3 items, one job', async () => {
		const mark = await logMark();
		const out = await items('batch addToLists', 'batchAddToLists', { contacts: [a, b, c].map((id) => ({ id, lists: [batchList] })) });
		const slice = apiRequests(await logSince(mark));
		checks.eq('batch addToLists: one result per item, all completed in the same job of 3',
			out.map((o) => ({ id: o.contact_id, state: o.state, size: o.batch_size, lists: o.list_ids })),
			[a, b, c].map((id) => ({ id, state: 'completed', size: 3, lists: [batchList] })));
		checks.ok('batch addToLists: one activity for all items', out.length === 3 && new Set(out.map((o) => o.activity_id)).size === 1, out);
		checks.eq('batch addToLists: exactly one POST add_list_memberships, with the 3 contact IDs',
			slice.filter((e) => e.method === 'POST').map((e) => ({ path: e.path, contacts: e.body?.source?.contact_ids, lists: e.body?.list_ids })),
			[{ path: '/v3/activities/add_list_memberships', contacts: [a, b, c], lists: [batchList] }]);
		checks.eq('fake state: a, b, c on the batch list', sorted((await state()).contacts.filter((x) => x.list_memberships?.includes(batchList)).map((x) => x.contact_id)), sorted(Object.values(ids)));
	});
}
