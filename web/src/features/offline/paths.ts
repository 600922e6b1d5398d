// The page listing what waits on this device.
export const pendingPath = '/en-attente';
