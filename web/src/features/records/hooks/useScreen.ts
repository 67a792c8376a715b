import { useAsync, type AsyncState } from '../../../lib/useAsync.js';
import { renderFirstScreen, type EntityName, type RenderedScreen, type ScreenKind } from '../api/records-api.js';

/**
 * Renders the entity's screen `<entity>-<kind>` (the first kind that exists), for
 * `recordId` when given. A field the admin adds to the screen shows up here with no
 * code change (R5.3).
 */
export const useScreen = (entity: EntityName, kind: ScreenKind | readonly ScreenKind[], recordId?: number | string): AsyncState<RenderedScreen | null> => {
  const kinds = typeof kind === 'string' ? [kind] : kind;
  const names = kinds.map((k) => `${entity}-${k}`);
  return useAsync(() => renderFirstScreen(names, recordId), [names.join(','), recordId]);
};
