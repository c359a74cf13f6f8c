import type { INodeProperties } from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/types';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as getAll from './getAll';
import * as getReport from './getReport';
import * as getSchedule from './getSchedule';
import * as getSendHistory from './getSendHistory';
import * as schedule from './schedule';
import * as sendNow from './sendNow';
import * as sendTest from './sendTest';
import * as setRecipients from './setRecipients';
import * as unschedule from './unschedule';
import * as update from './update';

const operations: Record<string, Operation> = { create, delete: del, get, getAll, getReport, getSchedule, getSendHistory, schedule, sendNow, sendTest, setRecipients, unschedule, update };

const operationSelector: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['campaign'] } },
	default: 'getAll',
	options: [
		{
			name: 'Create',
			value: 'create',
			description: 'Create a custom-code e-mail campaign (a draft)',
			action: 'Create a campaign',
		},
		{
			name: 'Delete',
			value: 'delete',
			description: 'Delete a campaign (it can be restored in Constant Contact)',
			action: 'Delete a campaign',
		},
		{ name: 'Get', value: 'get', description: 'Get a campaign', action: 'Get a campaign' },
		{ name: 'Get Many', value: 'getAll', description: 'Get many campaigns', action: 'Get many campaigns' },
		{
			name: 'Get Report',
			value: 'getReport',
			description: 'Stats of campaigns or campaign activities, or who opened, clicked, bounced … one campaign',
			action: 'Get a campaign report',
		},
		{
			name: 'Get Schedule',
			value: 'getSchedule',
			description: 'Whether and when a campaign is scheduled',
			action: 'Get the schedule of a campaign',
		},
		{
			name: 'Get Send History',
			value: 'getSendHistory',
			description: 'Every send of a campaign: when, to how many, and whether it completed',
			action: 'Get the send history of a campaign',
		},
		{ name: 'Schedule', value: 'schedule', description: 'Send a campaign now or at a set time; once sent, it cannot be recalled', action: 'Schedule a campaign to be sent to real recipients with no way to recall it once sent' },
		{
			name: 'Send Now',
			value: 'sendNow',
			description: 'Create a new campaign (a copy, or from subject and HTML) and send it at once to lists, a segment or the contacts of the input items',
			action: 'Send a new campaign now to real recipients with no way to undo it',
		},
		{
			name: 'Send Test',
			value: 'sendTest',
			description: 'Send a test e-mail to up to 5 addresses',
			action: 'Send a test email of a campaign to up to 5 addresses',
		},
		{
			name: 'Set Recipients',
			value: 'setRecipients',
			description: 'Send a campaign to contact lists or to one segment',
			action: 'Set the recipients of a campaign',
		},
		{ name: 'Unschedule', value: 'unschedule', description: 'Cancel a scheduled send', action: 'Unschedule a campaign' },
		{
			name: 'Update',
			value: 'update',
			description: 'Change the name, subject, sender, preheader or HTML of a campaign',
			action: 'Update a campaign',
		},
	],
};

export const campaign: Resource = {
	description: [operationSelector, ...Object.values(operations).flatMap((op) => op.description)],
	operations,
};
