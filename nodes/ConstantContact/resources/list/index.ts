import { resource } from '../../shared/resource';
import * as addContacts from './addContacts';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as getAll from './getAll';
import * as getContacts from './getContacts';
import * as removeContacts from './removeContacts';
import * as update from './update';

/** List: each operation is one file of this folder, with its dropdown entry (`operation`), its fields and its code. */
export const list = resource('list', 'getAll', [addContacts, create, del, get, getAll, getContacts, removeContacts, update]);
