import {expect} from '@open-wc/testing';
import {takeProblems} from './setup.js';

describe('test guard', () => {
  it('records console errors and unhandled rejections for the after-each check', async () => {
    console.error('deliberate');
    void Promise.reject(new Error('deliberate rejection'));
    await new Promise((r) => setTimeout(r, 10));
    const problems = takeProblems();
    expect(problems[0]).to.equal('console.error: deliberate');
    expect(problems).to.include('unhandled rejection: Error: deliberate rejection');
  });
});
