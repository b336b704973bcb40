// Thread ids that every side of the contract must carry unchanged: through the widget's
// URL encoding, through a backend's routing and storage, and back. The conformance suite
// and the widget's adapter tests both use them (import 'parley-contract/samples').

/** Thread ids with slashes, spaces, dot segments, reserved and percent characters, Unicode and SQL; `unique` keeps them apart between runs. */
export function awkwardThreadIds(unique: string): string[] {
  return [
    `/news/2026/story-${unique}/`,
    `a/b c ${unique}`,
    `a/../b/${unique}`,
    `../${unique}`,
    `${unique}/..`,
    `?x=1&y=%2F#frag ${unique}`,
    `100%25 %41 ${unique}`,
    `Überschrift – 記事 👍🏽 ${unique}`,
    `مقالة ${unique}`,
    `e\u0301 ${unique}`,
    `x'); DROP TABLE comments; -- ${unique}`,
  ];
}
