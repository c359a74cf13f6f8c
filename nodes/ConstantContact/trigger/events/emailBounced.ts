import { trackingEvent } from './trackingEvent';

/** A bounce of the campaign's e-mail: tracking report `bounces`. */
export const { description, memory, read, scope } = trackingEvent('bounces');
