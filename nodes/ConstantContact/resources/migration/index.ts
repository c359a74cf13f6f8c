import { resource } from '../../shared/resource';
import * as campaignIds from './campaignIds';
import * as contactIds from './contactIds';
import * as listIds from './listIds';

/** Migration From V2: each operation is one file of this folder, with its dropdown entry (`operation`), its fields and its code. */
export const migration = resource('migration', 'contactIds', [campaignIds, contactIds, listIds]);
