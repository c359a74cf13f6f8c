import { trackingEvent } from './trackingEvent';

/** An open of the campaign's e-mail (every open, newest rows first): tracking report `opens`. */
export const { description, memory, read, scope } = trackingEvent('opens');
