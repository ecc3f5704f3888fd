#!/usr/bin/env bash
# Converts the samples plus hostile inputs with the real docpipe CLI into
# OUT/output (html, md and the model xml side by side), and Markdown with
# front matter into OUT/output-front-matter, for the web checks.
# usage: convert_samples.sh DOCPIPE SAMPLES_DIR OUT
set -euo pipefail
docpipe=${1:?usage: convert_samples.sh DOCPIPE SAMPLES_DIR OUT}
samples=${2:?}
out=${3:?}
rm -rf "$out"
mkdir -p "$out/input"
cp "$samples"/*.txt "$out/input/"

# Markup characters and HTML tags in every position a writer could get wrong.
cat >"$out/input/hostile-markup.txt" <<'TEXT'
关于<script>alert("标题")</script>的 *通知* & 说明
同志们：
<script>alert(1)</script>
# 不是标题
1. 不是列表
1) 也不是列表
- 不是列表项
+ 不是列表项
* 不是列表项
> 不是引用
===
---
~~~
```
| 表 | 格 |
星号*强调*与下划线_强调_与反引号`代码`与反斜杠\与尖括号<b>粗</b>与方括号[链接](http://example.com)。
实体 &amp; &#35; &copy; 与单独的 & 符号，引号 "双" 与 'single'。
<!-- 注释 --> 与 <div>块</div> 与 <img src=x onerror=alert(1)>。
一、标题含<em>标签</em>与 # 号
正文段落。
（一）行内标题含*星号*。正文紧随其后<i>斜体</i>。
二、第二部分
[引用]: http://example.com
TEXT

# Very long lines: one paragraph of ~60k characters, and a long unbroken Latin word.
{
  echo "很长的段落测试"
  for _ in $(seq 1 3000); do printf '这是一个非常长的段落，'; done
  echo "结束。"
  for _ in $(seq 1 400); do printf 'averyverylongunbrokenword'; done
  echo "。"
} >"$out/input/hostile-long.txt"

# Relative input paths, as a user would type them: index.html shows them.
cd "$out"
"$docpipe" convert input -o output -f html,md,xml
ls output
# The same with YAML front matter, for the Markdown check of --md-front-matter.
"$docpipe" convert input -o output-front-matter -f md,xml --md-front-matter --quiet
