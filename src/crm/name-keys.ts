/** Search keys for names: lower case, accents folded, spaces squeezed. Indexed, searched by prefix. */
export function nameKey(...parts: Array<string | null | undefined>): string {
  return parts
    .filter((p): p is string => !!p)
    .join(' ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The exclusive upper bound of a prefix range: `key >= p AND key < prefixEnd(p)`. */
export function prefixEnd(prefix: string): string {
  return prefix + '\uffff';
}
