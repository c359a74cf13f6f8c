import { resource } from '../../shared/resource';
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

/** Campaign: each operation is one file of this folder, with its dropdown entry (`operation`), its fields and its code. */
export const campaign = resource('campaign', 'getAll', [create, del, get, getAll, getReport, getSchedule, getSendHistory, schedule, sendNow, sendTest, setRecipients, unschedule, update]);
