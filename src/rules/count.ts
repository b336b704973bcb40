// The counting rule, at the path backends have imported it from since 0.1
// (`parley-comments/rules/count.js`). It lives in parley-contract, with the rest of
// what the widget and its backends agree on.
export * from 'parley-contract/count';
