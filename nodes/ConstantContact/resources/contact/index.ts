import { resource } from '../../shared/resource';
import * as addTags from './addTags';
import * as addToLists from './addToLists';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as getActivity from './getActivity';
import * as getAll from './getAll';
import * as importContacts from './import';
import * as removeFromLists from './removeFromLists';
import * as removeTags from './removeTags';
import * as unsubscribe from './unsubscribe';
import * as update from './update';
import * as upsert from './upsert';

/** Contact: each operation is one file of this folder, with its dropdown entry (`operation`), its fields and its code. */
export const contact = resource('contact', 'upsert', [addTags, addToLists, create, del, get, getActivity, getAll, importContacts, removeFromLists, removeTags, unsubscribe, update, upsert]);
