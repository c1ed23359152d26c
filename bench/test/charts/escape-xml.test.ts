import assert from 'node:assert/strict';
import { escapeXml } from '@o2o/bench';

describe('escapeXml', () => {
  it('turns the five markup characters into entities and leaves other text alone', () => {
    assert.equal(escapeXml(`a<b>&"c"'d' ≥ é`), 'a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39; ≥ é');
  });

  it('does not double-escape and replaces control characters XML cannot hold', () => {
    assert.equal(escapeXml('&amp;'), '&amp;amp;');
    assert.equal(escapeXml('a\u0000b\u001Fc\td\ne'), 'a\uFFFDb\uFFFDc\td\ne');
  });
});
