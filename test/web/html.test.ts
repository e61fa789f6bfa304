// The pages' escaping: every interpolated value is text unless it is Html; href() takes only
// paths of this server.
import { describe, expect, it } from 'vitest';
import { href, html, join, raw } from '../../web/html.js';

describe('html`…`', () => {
  it('escapes every character that could open markup or end an attribute', () => {
    const evil = `<script>alert("x")</script>' onmouseover='a()' \`&`;
    expect(html`<p title="${evil}">${evil}</p>`.text).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;a()&#39; &#96;&amp;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;a()&#39; &#96;&amp;</p>',
    );
  });

  it('puts Html in as it is, lists one after another, and nothing for null, undefined and booleans', () => {
    const items = ['甲<', '乙&'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}${true}${0}`.text).toBe('<ul><li>甲&lt;</li><li>乙&amp;</li></ul>0');
    expect(html`${raw('<b>trusted</b>')}`.text).toBe('<b>trusted</b>');
  });

  it('does not take a look-alike object for Html', () => {
    const fake = { text: '<img src=x onerror=alert(1)>' } as unknown as string;
    expect(html`${fake}`.text).toBe('[object Object]');
    expect(html`${JSON.parse('{"text":"<b>"}') as string}`.text).not.toContain('<b>');
  });

  it('joins Html with an escaped separator', () => {
    expect(join([html`<i>a</i>`, html`<i>b</i>`], '<br>').text).toBe('<i>a</i>&lt;br&gt;<i>b</i>');
    expect(join([html`a`, html`b`], html`<br>`).text).toBe('a<br>b');
  });
});

describe('href()', () => {
  it('encodes query values and escapes the ampersand for the attribute', () => {
    expect(href('/enterprises', { q: '杭州&"<', class: 'A', region: undefined, offset: 0 }).text).toBe('/enterprises?q=%E6%9D%AD%E5%B7%9E%26%22%3C&amp;class=A&amp;offset=0');
  });

  it.each(['javascript:alert(1)', '//evil.example/x', '/\\evil', 'data:text/html,x', 'enterprises', '/a b', '/a"onclick=x'])('refuses %s', (p) => {
    expect(() => href(p)).toThrow(/not a path of this server/);
  });
});
