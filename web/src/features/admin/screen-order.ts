/** Moves item `i` by `delta` places (screen field order, R5.3); out of range leaves the list as is. */
export const move = <T>(list: readonly T[], i: number, delta: number): T[] => {
  const j = i + delta;
  if (i < 0 || i >= list.length || j < 0 || j >= list.length) return [...list];
  const out = [...list];
  const [item] = out.splice(i, 1);
  if (item !== undefined) out.splice(j, 0, item);
  return out;
};
