import { useEffect, useState } from 'react';
import { get } from '../../../lib/http.js';
import { recordTitle, type CrmRecord } from '../api/records-api.js';
import { referencedEntity } from './ReferenceInput.js';

/** Titles already fetched this page view, so a list shows each company once per load. */
const titles = new Map<string, Promise<string>>();

const titleOf = (path: string): Promise<string> => {
  let p = titles.get(path);
  if (!p) {
    p = get<CrmRecord>(path).then(recordTitle, () => path.split('/').pop() ?? '');
    titles.set(path, p);
  }
  return p;
};

/** A reference shown by the referenced record's name, linked to it. */
export const ReferenceValue = ({ fieldName, id }: { fieldName: string; id: number }) => {
  const entity = referencedEntity(fieldName);
  const [title, setTitle] = useState(`#${id}`);
  useEffect(() => {
    let live = true;
    if (entity) void titleOf(`/api/${entity}/${id}`).then((t) => live && setTitle(t));
    return () => {
      live = false;
    };
  }, [entity, id]);
  if (!entity || entity === 'users') return <span>{title}</span>;
  return <a href={`#/${entity}/${id}`}>{title}</a>;
};
