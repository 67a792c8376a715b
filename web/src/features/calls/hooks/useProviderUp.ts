import { createContext, useContext } from 'react';

/**
 * Whether the telephony provider's link is up, as the WebSocket last said
 * (`{type:'provider', status}`). The main window provides it so click-to-dial can be
 * disabled while the phone system is disconnected; up until told otherwise.
 */
export const ProviderUpContext = createContext<boolean>(true);

export const useProviderUp = (): boolean => useContext(ProviderUpContext);
