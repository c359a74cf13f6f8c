import { trackingEvent } from './trackingEvent';

/** An unsubscribe from the campaign's e-mail: tracking report `optouts`. */
export const { description, memory, read, scope } = trackingEvent('optouts');
