import { useState } from 'react';
import { useI18n } from '../../../i18n/i18n.js';
import { useAsync } from '../../../lib/useAsync.js';
import { CUSTOMISABLE, listFields, type CustomisableEntity } from '../../records/api/records-api.js';
import { FieldsEditor } from './FieldsEditor.js';
import { ScreenEditor } from './ScreenEditor.js';

/** Customisation: an entity's fields (R5.2) and its screens (R5.3). */
export const CustomisationPage = () => {
  const { t } = useI18n();
  const [entity, setEntity] = useState<CustomisableEntity>('companies');
  const fields = useAsync(() => listFields(entity), [entity]);
  return (
    <div>
      <label className="inline">
        {t('entity')}{' '}
        <select name="entity" value={entity} onChange={(e) => setEntity(e.target.value as CustomisableEntity)}>
          {CUSTOMISABLE.map((x) => <option key={x} value={x}>{x}</option>)}
        </select>
      </label>
      {fields.error && <p role="alert" className="error">{fields.error}</p>}
      <FieldsEditor entity={entity} fields={fields.data ?? []} onChanged={fields.reload} />
      <ScreenEditor entity={entity} fields={fields.data ?? []} />
    </div>
  );
};
