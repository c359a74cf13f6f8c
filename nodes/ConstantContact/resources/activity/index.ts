import { resource } from '../../shared/resource';
import * as get from './get';
import * as getAll from './getAll';

/** Activity (Bulk Job): each operation is one file of this folder, with its dropdown entry (`operation`), its fields and its code. */
export const activity = resource('activity', 'getAll', [get, getAll]);
