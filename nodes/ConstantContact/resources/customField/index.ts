import { resource } from '../../shared/resource';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as getAll from './getAll';
import * as update from './update';

/** Custom Field: each operation is one file of this folder, with its dropdown entry (`operation`), its fields and its code. */
export const customField = resource('customField', 'getAll', [create, del, get, getAll, update]);
