import { resource } from '../../shared/resource';
import * as getPhysicalAddress from './getPhysicalAddress';
import * as getSenderAddresses from './getSenderAddresses';
import * as getSummary from './getSummary';
import * as getUserPrivileges from './getUserPrivileges';

/** Account: each operation is one file of this folder, with its dropdown entry (`operation`), its fields and its code. */
export const account = resource('account', 'getSummary', [getPhysicalAddress, getSenderAddresses, getSummary, getUserPrivileges]);
