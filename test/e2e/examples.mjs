// E2E step: examples/form-signup-upsert.json imported the way this major's editor does it
// (Import from File: editorImport.mjs), the list and tag picked, activated; its form must answer
// at /form/newsletter-signup, the address the README and the workflow's sticky note give, and a
// submission must put the contact on the list with the tag.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { CREDENTIAL_TYPE, NODE_TYPE, REPO, sleep } from '../../scripts/lib/n8n.mjs';
import { formPathOf, importAsEditor } from './editorImport.mjs';

const FORM_PATH = 'newsletter-signup';

/**
 * Options: client (N8nClient), fakes, credential ({ id, name }), checks, T, say, major (1 or 2),
 * list and tag (IDs in the fake to pick).
 */
export async function runFormExample({ client, fakes, credential, checks, T, say, major, list, tag }) {
	await T(`examples: form sign-up imported as the n8n ${major}.x editor does, at /form/${FORM_PATH}`, async () => {
		const file = JSON.parse(readFileSync(path.join(REPO, 'examples', 'form-signup-upsert.json'), 'utf8'));
		const workflow = importAsEditor(file, major);
		const form = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.formTrigger');
		checks.eq('form example: after Import from File the form path is the documented one', formPathOf(form), FORM_PATH);
		// What the user then does in the two Constant Contact nodes.
		for (const node of workflow.nodes.filter((n) => n.type === NODE_TYPE)) {
			node.credentials = { [CREDENTIAL_TYPE]: credential };
			if (node.name === 'Add to list') node.parameters.lists = [list];
			if (node.name === 'Tag the contact') node.parameters.tags = [tag];
		}
		await client.deployWorkflow(workflow);

		const url = `${client.url}/form/${FORM_PATH}`;
		let page;
		for (const t0 = Date.now(); ; await sleep(200)) { // 2.x answers 404 for a moment after activation
			page = await fetch(url);
			if (page.status !== 404 || Date.now() - t0 > 30_000) break;
		}
		const html = await page.text();
		if (!checks.ok(`form example: GET /form/${FORM_PATH} shows the form`, page.status === 200 && html.includes('Subscribe to our newsletter'), { status: page.status, body: html.slice(0, 200) })) return;

		const body = new FormData();
		body.append('field-0', 'Nora');
		body.append('field-1', 'Newcomer');
		body.append('field-2', 'form.newcomer@example.com');
		const submit = await fetch(url, { method: 'POST', body });
		const answer = await submit.text();
		const contact = (await fakes.state()).contacts.find((c) => c.email_address?.address === 'form.newcomer@example.com');
		say(`form example: POST /form/${FORM_PATH} → ${submit.status}; contact ${contact?.contact_id ?? 'none'}`);
		checks.eq('form example: the submission reaches Constant Contact (on the list, tagged, named)',
			{ status: submit.status, first: contact?.first_name, last: contact?.last_name, onList: contact?.list_memberships?.includes(list), tagged: contact?.taggings?.includes(tag) },
			{ status: 200, first: 'Nora', last: 'Newcomer', onList: true, tagged: true });
		if (submit.status !== 200) say(`form answer: ${answer.slice(0, 300)}`);
	});
}
