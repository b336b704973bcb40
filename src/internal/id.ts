/**
 * A random RFC 4122 version 4 id. `crypto.randomUUID` exists only in secure contexts,
 * and publishers still serve pages over plain HTTP, so fall back to getRandomValues.
 */
export function uuid(): string {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- missing on plain-HTTP pages
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // variant 10
  const hex = Array.from(bytes, (b) => (b | 256).toString(16).slice(1)).join('');
  return hex.replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
}
