import { trackingEvent } from './trackingEvent';

/** A click on a link of the campaign's e-mail: tracking report `clicks`. */
export const { description, memory, read, scope } = trackingEvent('clicks');
