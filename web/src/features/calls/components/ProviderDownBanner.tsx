import { useI18n } from '../../../i18n/i18n.js';

/** Shown while the telephony provider's link is down (`{type:'provider', status:'down'}`): nothing can be dialled. */
export const ProviderDownBanner = () => {
  const { t } = useI18n();
  return <p role="alert" className="banner-down" data-testid="provider-down">⚠ {t('providerDown')}</p>;
};
