import type { ReactNode } from 'react';
import { useCallStream } from '../hooks/useCallStream.js';
import { ProviderUpContext } from '../hooks/useProviderUp.js';
import { ProviderDownBanner } from './ProviderDownBanner.js';

/**
 * The main window's view of the phone system: its own WebSocket (not the CTI client:
 * it never says `cti online`) for the provider status, a banner under the main menu
 * while the link is down, and the status for click-to-dial below.
 */
export const ProviderStatus = ({ children }: { children: ReactNode }) => {
  const { providerUp } = useCallStream(false);
  return (
    <ProviderUpContext.Provider value={providerUp}>
      {!providerUp && <ProviderDownBanner />}
      {children}
    </ProviderUpContext.Provider>
  );
};
