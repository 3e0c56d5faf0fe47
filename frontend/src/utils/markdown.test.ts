import { describe, expect, it } from 'vitest'
import { escapeHtml, renderMarkdown } from './markdown'

describe('renderMarkdown', () => {
  it('renders the constructs the agreements use', () => {
    const html = renderMarkdown(
      '# 隐私政策\n\n**版本：2026-12-01**\n\n## 一、收集\n\n| 信息 | 用途 |\n| --- | --- |\n| 手机号码 | 登录 |\n\n- 甲\n- 乙\n\n1. 一\n2. 二\n',
    )
    expect(html).toContain('<h2>隐私政策</h2>')
    expect(html).toContain('<p><strong>版本：2026-12-01</strong></p>')
    expect(html).toContain('<h3>一、收集</h3>')
    expect(html).toContain('<thead><tr><th>信息</th><th>用途</th></tr></thead>')
    expect(html).toContain('<tr><td>手机号码</td><td>登录</td></tr>')
    expect(html).toContain('<ul><li>甲</li><li>乙</li></ul>')
    expect(html).toContain('<ol><li>一</li><li>二</li></ol>')
  })

  it('never lets markup in the source through', () => {
    const html = renderMarkdown(
      '# <img src=x onerror=alert(1)>\n\n<script>alert(1)</script>\n\n- **<b onclick="x">**\n\n| <a href="javascript:x">a</a> |\n| --- |\n| "\'&\' |',
    )
    expect(html).not.toMatch(/<(img|script|a|b)[\s>]/)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(html).toContain('<strong>&lt;b onclick=&quot;x&quot;&gt;</strong>')
    expect(html).toContain('&quot;&#39;&amp;&#39;')
  })

  it('escapes the five HTML characters', () => {
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;')
  })
})
